#!/bin/sh
# 김하늘: 국민내일배움카드로 데이터 분석 훈련을 받고, 청년 일경험 프로그램(현직자 멘토링 포함)을
# 거쳐 주니어 데이터 분석가로 취업한 뒤, 다음 단계를 계획하는 경로.
#
# A Korean job seeker: a data-analysis course paid with the 국민내일배움카드 (national training
# card) → a 청년 일경험 (youth work-experience) programme with mentoring → a job → a planned step.
#
# Usage: Examples/korean-job-seeker.sh LEDGER   (the pathfolio binary: $PATHFOLIO or `pathfolio`)
# The clock and the IDs are fixed, so the same commands always build the same ledger.
set -eu
P=${PATHFOLIO:-pathfolio}
export PATHFOLIO_STORE="${1:?usage: $0 LEDGER}"
export PATHFOLIO_NOW=${PATHFOLIO_NOW:-2026-11-23T09:00:00Z} PATHFOLIO_ID_SEED=${PATHFOLIO_ID_SEED:-20261123} PATHFOLIO_ACTOR=${PATHFOLIO_ACTOR:-example}

"$P" init >/dev/null
"$P" person add 김하늘 --use --headline "데이터로 문제를 푸는 주니어 분석가" \
    --summary "경영학을 전공하고 데이터 분석 훈련과 청년 일경험을 거쳐 데이터 분석가로 일하고 있습니다." \
    --email haneul.kim@example.kr --phone 010-0000-0000 --location 서울 --birth-date 1998-05 \
    --tag youth --tag no-experience >/dev/null

school=$("$P" add education -q --title "경영학 학사" --org 한빛대학교 --start 2017-03 --end 2023-02 \
    --skill 통계학 --tag 학력)
course=$("$P" add training -q --title "빅데이터 분석 실무 과정" --org 한국폴리텍대학 \
    --start 2024-03 --end 2024-08 --hours 600 --funding 국민내일배움카드 \
    --course-code AIG20240000123456 --ncs-code 20010105 --credential "수료증" \
    --skill SQL --skill Python --skill 데이터시각화 \
    --highlight "공공데이터로 서울시 따릉이 수요 예측 팀 프로젝트 (4명)" \
    --evidence "수료증=https://example.kr/certificates/2024-0815")
placement=$("$P" add workExperience -q --title "청년 일경험 — 데이터 분석 인턴" --org ㈜데이터랩 \
    --programme "청년 일경험 지원사업 (체험형 인턴)" --sponsor 고용노동부 --role "데이터 분석 인턴" \
    --start 2024-09 --end 2024-12 --location "서울 성동구" \
    --skill 대시보드 --skill SQL --highlight "고객 이탈 대시보드를 만들어 주간 회의에서 사용" )
mentor=$("$P" add mentoring -q --title "현직자 멘토링" --mentoring-role mentee --counterpart "데이터랩 시니어 분석가" \
    --start 2024-10 --end 2024-12 --visibility counselor \
    --summary "격주 1시간, 분석 보고서 피드백과 커리어 상담")
job=$("$P" add job -q --title "주니어 데이터 분석가" --org ㈜데이터랩 --employment-type fullTime \
    --role "마케팅 데이터 분석" --start 2025-01-02 --ongoing --skill SQL --skill Tableau \
    --highlight "캠페인 성과 리포트 자동화로 주 4시간 절약")
next=$("$P" add training -q --title "빅데이터분석기사 자격 취득" --start 2027-04 --status planned \
    --credential 빅데이터분석기사 --tag 다음단계)

"$P" link "$course" "$placement" --type ledTo >/dev/null
"$P" link "$mentor" "$placement" --type partOf >/dev/null
"$P" link "$placement" "$job" --type ledTo >/dev/null
"$P" link "$school" "$course" --type supports >/dev/null
"$P" link "$job" "$next" --type ledTo >/dev/null

# 교육과 일경험을 마친 뒤의 돌아보기 (reflections after the course and the placement).
"$P" reflect "$course" --kind postTraining --locale ko --date 2024-08-30 --rating 4 --outcome completed \
    --answer why="경영학만으로는 취업이 어려워 데이터 분석 역량을 갖추고 싶었다." \
    --answer did="SQL과 Python으로 공공데이터를 정제하고, 팀 프로젝트로 따릉이 수요를 예측했다." \
    --answer went-well="팀 프로젝트에서 데이터 정제를 맡아 발표까지 마쳤다." \
    --answer hard="통계 개념이 낯설어 주말마다 스터디를 열어 복습했다." \
    --answer learned="SQL 조인과 집계, pandas로 데이터 정제, 시각화로 결과를 설명하는 법." \
    --answer apply="일경험 프로그램에서 실제 고객 데이터로 대시보드를 만들어 보겠다." \
    --answer next="데이터 분석 직무로 방향을 정했다." \
    --skill SQL --skill pandas >/dev/null
"$P" reflect "$placement" --kind postPlacement --locale ko --date 2024-12-20 --rating 5 --outcome hired \
    --answer did="마케팅팀의 고객 이탈 데이터를 분석하고 주간 대시보드를 만들었다." \
    --answer went-well="대시보드가 주간 회의의 기본 자료가 되었고, 정규직 제안을 받았다." \
    --answer hard="현업의 질문을 분석 질문으로 바꾸는 것이 어려웠다. 멘토와 질문을 함께 다듬었다." \
    --answer learned="이해관계자와 소통하는 법, Tableau, 분석 결과를 한 장으로 요약하는 법." \
    --answer next="같은 회사에서 주니어 데이터 분석가로 일을 시작한다." \
    --skill Tableau --skill 커뮤니케이션 >/dev/null
