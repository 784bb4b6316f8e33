#include <sqlite3.h>
#include "CSQLiteConfig.h"

int pathfolio_sqlite_set_memory_statistics(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
