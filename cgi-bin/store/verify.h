/*
 * store/verify.h - the printed documents' verification (migration 0014):
 * the install's secret, the printed documents by code, and the facts each
 * kind of document states, read for printing and again for /verify.
 */
#ifndef XS_STORE_VERIFY_H
#define XS_STORE_VERIFY_H

#include "store/store.h"

#define VERIFY_SECRET_BYTES 32

/*
 * The install's secret into out. When there is none yet, fresh (random
 * bytes the caller made) becomes it, in its own transaction; two programs
 * racing both read the one that won. DB_OK or the failure.
 */
enum db_result store_verify_secret(struct db *db, const unsigned char *fresh,
    unsigned char out[VERIFY_SECRET_BYTES]);

/* One printed document (a row of printed_document). */
struct printed_document {
	const char *code, *kind;          /* kind: card, cycle, summary */
	long long district_id, school_year_id, school_id, teacher_year_id; /* 0: none */
	const char *digest, *statement, *printed_at;
	long long printed_by;             /* 0: none */
};

/* Keep d (nothing happens when its code is kept already). Call inside store_tx. */
enum db_result store_printed_put(struct db *db, const struct printed_document *d);

/* The document of code into *d (strings in a). DB_NOTFOUND when unknown. */
enum db_result store_printed_get(struct db *db, arena *a, const char *code,
    struct printed_document *d);

/* What a card (one teacher-year) states, beside its kept result. */
struct verify_card_facts {
	long long district_id, school_id, school_year_id, teacher_id;
	const char *name, *school, *year, *starts_on, *category;
	const char *school_state, *confirmed_at;   /* the school's year; "" not confirmed */
	const char *records;   /* id:state:claimed:item of every record, in id order */
};

enum db_result store_verify_card_facts(struct db *db, arena *a, long long ty,
    struct verify_card_facts *f);

/* What a summary (one school, one year) states, beside its kept results. */
struct verify_summary_facts {
	long long district_id;
	const char *school, *year, *school_state, *confirmed_at;
};

enum db_result store_verify_summary_facts(struct db *db, arena *a, long long school,
    long long year, struct verify_summary_facts *f);

#endif
