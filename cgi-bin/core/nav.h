/*
 * nav.h - the site's navigation: every link of the menu with the roles that
 * may follow it, which are the roles of the GET route at that path
 * (tests/integration/test_access.c checks the two agree for every link).
 * The page's <nav> lists the caller's links; stylesheets do not re-derive
 * roles from URLs.
 */
#ifndef XS_NAV_H
#define XS_NAV_H

#include <stddef.h>

#define NAV_REGISTERS 1u  /* only for a teacher who may register (user->registers) */

struct nav_entry {
	const char *path;
	const char *key;      /* the string table's key of its label */
	unsigned roles;       /* enum role bits (core/app.h) */
	unsigned flags;       /* NAV_* */
};

extern const struct nav_entry app_nav[];
extern const size_t app_nnav;

#endif
