#!/bin/sh
# Alex Morgan: ten years a secondary-school teacher, a coding club run as a volunteer, a
# bootcamp, a returners' work-experience programme with a mentor, then two roles at the same
# software company, and a planned next step.
#
# Usage: Examples/career-changer.sh LEDGER   (the pathfolio binary: $PATHFOLIO or `pathfolio`)
# The clock and the IDs are fixed, so the same commands always build the same ledger.
set -eu
P=${PATHFOLIO:-pathfolio}
export PATHFOLIO_STORE="${1:?usage: $0 LEDGER}"
export PATHFOLIO_NOW=${PATHFOLIO_NOW:-2026-11-23T09:00:00Z} PATHFOLIO_ID_SEED=${PATHFOLIO_ID_SEED:-42} PATHFOLIO_ACTOR=${PATHFOLIO_ACTOR:-example}

"$P" init >/dev/null
"$P" person add "Alex Morgan" --use --headline "Teacher turned web developer" \
    --summary "Ten years of teaching maths, now building the software schools use." \
    --email alex.morgan@example.com --website https://alexmorgan.example.com --location Leeds \
    --tag career-changer >/dev/null

teaching=$("$P" add job -q --title "Mathematics teacher" --org "Riverside Secondary School" \
    --employment-type fullTime --start 2012-09 --end 2022-07 --location Leeds \
    --skill "Explaining hard things simply" --skill "Classroom management" \
    --highlight "Head of Year 9 from 2018 to 2022")
club=$("$P" add volunteering -q --title "After-school coding club" --org "Riverside Secondary School" \
    --start 2019 --end 2022 --start-label "autumn term 2019" --skill Python --skill Scratch)
bootcamp=$("$P" add training -q --title "Full-stack web development bootcamp" --org "Code Academy North" \
    --start 2022-09 --end 2023-02 --hours 480 --credential "Certificate in Full-Stack Development" \
    --skill JavaScript --skill TypeScript --skill React --skill PostgreSQL \
    --evidence "Final project=https://github.com/example/timetable")
project=$("$P" add project -q --title "Open-source school timetable app" --start 2022-12 --end 2023-03 \
    --skill React --skill Accessibility --evidence https://github.com/example/timetable)
returners=$("$P" add workExperience -q --title "Tech returners placement" --org "Northwind Software" \
    --programme "Returners into Tech" --sponsor "Leeds City Council" --role "Trainee developer" \
    --start 2023-04 --end 2023-09 --skill "Code review" --skill Git)
mentoring=$("$P" add mentoring -q --title "Mentoring with a senior engineer" --mentoring-role mentee \
    --counterpart "a senior engineer at Northwind" --start 2023-04 --end 2023-09 --visibility counselor)
junior=$("$P" add job -q --title "Junior developer" --org "Northwind Software" --employment-type fullTime \
    --start 2023-10 --end 2025-03 --skill TypeScript --skill PostgreSQL \
    --highlight "Rebuilt the parent-booking page; support tickets fell by a third")
developer=$("$P" add job -q --title "Developer" --org "Northwind Software" --employment-type fullTime \
    --start 2025-04 --ongoing --skill TypeScript --skill "System design")
next=$("$P" add job -q --title "Senior developer, education technology" --start 2027 --status planned)

"$P" link "$teaching" "$bootcamp" --type ledTo >/dev/null
"$P" link "$club" "$bootcamp" --type supports >/dev/null
"$P" link "$project" "$bootcamp" --type partOf >/dev/null
"$P" link "$bootcamp" "$returners" --type ledTo >/dev/null
"$P" link "$mentoring" "$returners" --type partOf >/dev/null
"$P" link "$returners" "$junior" --type ledTo >/dev/null
"$P" link "$junior" "$developer" --type ledTo >/dev/null
"$P" link "$developer" "$next" --type ledTo >/dev/null

# Reflections after the bootcamp and the placement.
"$P" reflect "$bootcamp" --kind postTraining --locale en --date 2023-02-24 --rating 4 --outcome credentialEarned \
    --answer why="I wanted to build the tools I kept wishing my school had." \
    --answer did="Twelve weeks of JavaScript, React and PostgreSQL; a timetable app as the final project." \
    --answer went-well="Pair programming felt like co-teaching: I was good at explaining." \
    --answer hard="Async JavaScript. I drew diagrams until it clicked, then taught it back to my cohort." \
    --answer learned="Testing first, reading other people's code, asking for help early." \
    --answer apply="Apply for returners' placements that value teaching experience." \
    --answer next="Look for education-technology teams." \
    --skill Testing >/dev/null
"$P" reflect "$returners" --kind postPlacement --locale en --date 2023-09-29 --rating 5 --outcome hired \
    --answer did="Fixed bugs in the parent-booking page and shipped two small features with a mentor." \
    --answer went-well="My first feature went live in week six; I was offered a junior role." \
    --answer hard="Large codebase. I kept a glossary and asked one question a day in stand-up." \
    --answer learned="Code review, Git workflows, estimating work honestly." \
    --answer next="Join Northwind as a junior developer." \
    --skill "Code review" --visibility public >/dev/null
