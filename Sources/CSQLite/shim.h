#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro Swift cannot import: SQLite copies the bound buffer.
static inline void (*tandem_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic, which Swift cannot call: closing this connection never checkpoints the WAL.
static inline int tandem_sqlite_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

/// sqlite3_config is variadic: no allocation statistics (each allocation then takes no global mutex). Only before
/// the library is initialised (before the first connection opens); SQLITE_MISUSE after.
static inline int tandem_sqlite_without_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
