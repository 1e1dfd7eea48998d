/*
 * accounts.h - the account lifecycle, served by the auth program.
 *
 * Who manages whom (the scope of every account route):
 *   system admin   -> district admins (any district)
 *   district admin -> school admins and school leaders of its district
 *   school admin   -> teacher accounts of its school (from the roster)
 * Any other account id answers 404, as if it did not exist.
 */
#ifndef XS_ACCOUNTS_H
#define XS_ACCOUNTS_H

#include "core/app.h"

int accounts_list(struct ctx *c);
int accounts_new(struct ctx *c);
int accounts_create(struct ctx *c);
int accounts_show(struct ctx *c);
int accounts_disable(struct ctx *c);
int accounts_enable(struct ctx *c);
int accounts_reset(struct ctx *c);
int accounts_handover(struct ctx *c);
int audit_list(struct ctx *c);

/*
 * GET /accounts/bulk: how many of the school's roster teachers have no
 * account. POST: an account for each of them, login by staff number or
 * phone (login_kind), each with a one-time password, in one transaction;
 * the page is the printable slips (8 to an A4 page). The passwords reach
 * the stylesheet as a parameter only: never in the XML, the log or the
 * database (their hashes are stored). Teachers without that login, or
 * whose login an account has already, are listed as skipped.
 */
int accounts_bulk_page(struct ctx *c);
int accounts_bulk_create(struct ctx *c);

#define ACCOUNT_MANAGERS (ROLE_SYSTEM_ADMIN | ROLE_DISTRICT_ADMIN | ROLE_SCHOOL_ADMIN)

/* The declared fields of the account forms and the audit filter. */
static const char *const account_login_kinds[] = { "staff_no", "phone", NULL };
static const char *const account_admin_roles[] = { "school_admin", "school_leader", NULL };
static const struct field account_create_fields[] = {
	{ "teacher", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE },
	{ "login_kind", FIELD_CHOICE, 0, 0, 0, account_login_kinds, OBJ_NONE },
	{ "login", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE },
	{ "name", FIELD_LINE, 0, 0, 50, NULL, OBJ_NONE },
	{ "district", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE },
	{ "role", FIELD_CHOICE, 0, 0, 0, account_admin_roles, OBJ_NONE },
	{ "school", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};
static const struct field account_bulk_fields[] = {
	{ "login_kind", FIELD_CHOICE, 0, 0, 0, account_login_kinds, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};
static const struct field account_handover_fields[] = {
	{ "login", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE },
	{ "name", FIELD_LINE, 0, 0, 50, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};
static const struct field audit_fields[] = {
	{ "action", FIELD_LINE, FIELD_QUERY, 0, 64, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};

#define ACCOUNT_ROUTES \
	{ HTTP_GET, "/accounts", accounts_list, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "accounts", 0, NULL }, \
	{ HTTP_GET, "/accounts/new", accounts_new, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "account_new", 0, NULL }, \
	{ HTTP_POST, "/accounts/new", accounts_create, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "account_create", 0, account_create_fields }, \
	{ HTTP_GET, "/accounts/bulk", accounts_bulk_page, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "account_bulk", 0, NULL }, \
	{ HTTP_POST, "/accounts/bulk", accounts_bulk_create, ROLE_SCHOOL_ADMIN, SCOPE_SCHOOL, "account_bulk_create", 0, account_bulk_fields }, \
	{ HTTP_GET, "/accounts/{account}", accounts_show, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "account", 0, NULL }, \
	{ HTTP_POST, "/accounts/{account}/disable", accounts_disable, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "account_disable", 0, NULL }, \
	{ HTTP_POST, "/accounts/{account}/enable", accounts_enable, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "account_enable", 0, NULL }, \
	{ HTTP_POST, "/accounts/{account}/reset", accounts_reset, ACCOUNT_MANAGERS, SCOPE_DISTRICT, "account_reset", 0, NULL }, \
	{ HTTP_POST, "/accounts/{account}/handover", accounts_handover, ROLE_DISTRICT_ADMIN, SCOPE_DISTRICT, "account_handover", 0, account_handover_fields }, \
	{ HTTP_GET, "/audit", audit_list, ROLE_DISTRICT_ADMIN | ROLE_SYSTEM_ADMIN, SCOPE_DISTRICT, "audit", 0, audit_fields }

#endif
