// SQLite's process-wide settings that Swift cannot reach: `sqlite3_config` is variadic.
#ifndef PATHFOLIO_CSQLITECONFIG_H
#define PATHFOLIO_CSQLITECONFIG_H

/// `sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on)`: whether SQLite counts every allocation
/// (under a process-wide mutex). Takes effect only before SQLite is first used in the
/// process; returns SQLite's result code (SQLITE_MISUSE after that).
int pathfolio_sqlite_set_memory_statistics(int on);

#endif
