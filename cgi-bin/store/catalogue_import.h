/*
 * store/catalogue_import.h - a catalogue spreadsheet kept between its
 * preview and its commit (migration 0012), as store/roster_import.h keeps a
 * roster file. The items and groups themselves are written through
 * store/catalogue_edit.h.
 */
#ifndef XS_STORE_CATALOGUE_IMPORT_H
#define XS_STORE_CATALOGUE_IMPORT_H

#include <stddef.h>

#include "store/store.h"

/* Keep an uploaded file for school year year, by account: *id the import's id. */
enum db_result store_catalogue_import_save(struct db *db, long long year, long long account,
    const char *filename, const void *data, size_t len, long long *id);

/* A kept catalogue import. */
/* Import id into *f (copies in a). DB_NOTFOUND when none. (Its district is the core's check.) */
enum db_result store_catalogue_import_get(struct db *db, arena *a, long long id,
    struct import_file *f);

/* Mark import id committed now, with its counts. Call inside store_tx. */
enum db_result store_catalogue_import_done(struct db *db, long long id, long long added,
    long long changed, long long retired);

#endif
