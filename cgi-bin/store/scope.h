/*
 * store/scope.h - who owns an object a path names, for the core's scope
 * check (core/app.c): the district, school and teacher of a record, a
 * teacher's year, an evidence file, a school, an account, a roster import
 * a school year, a district or a training project.
 */
#ifndef XS_STORE_SCOPE_H
#define XS_STORE_SCOPE_H

#include "core/app.h"

struct owner {
	long long district_id;
	long long school_id;   /* 0 where none (a district admin's account) */
	long long teacher_id;  /* 0 where none */
	const char *role;      /* accounts: the account's role; "" otherwise */
};

/*
 * The owner of object id of kind into *o, as the asking user's school
 * (0: none) sees it: an object of several schools (a published notice names
 * its schools in its lists) is owned by the asker's school when it is one
 * of them. Returns DB_OK, DB_NOTFOUND (no such object), or DB_BUSY/DB_ERROR.
 */
enum db_result store_owner(struct db *db, enum object_kind kind, long long id, long long school,
    struct owner *o);

#endif
