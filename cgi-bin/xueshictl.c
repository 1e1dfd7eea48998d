/*
 * xueshictl - the administrator's command line.
 *
 *   xueshictl init DB            create the database and apply migrations
 *   xueshictl migrate DB         apply migrations not yet applied
 *   xueshictl preset DB NAME     load a preset district (db/presets/NAME.sql)
 *   xueshictl demo DB            init + every preset + the demo data
 *   xueshictl version DB         print the schema version
 *   xueshictl assess DB --district D --year Y [--school S] [--teacher T]
 *                       [--format xml|text]
 *                                print the assessment as the pages show it
 *   admin create, passwd, unlock, district new, school add|list, year open,
 *   backup, check                the setup and recovery commands (--help)
 *
 * --datadir DIR (or XUESHI_DATADIR) names the directory holding db/.
 */
#include "core/config.h"
#include "core/db.h"
#include "core/auth.h"
#include "store/demo.h"
#include "store/roll.h"
#include "store/account.h"
#include "store/audit.h"
#include "store/district.h"
#include "store/notify.h"
#include "domain/deadline.h"
#include "store/maint.h"
#include "store/year.h"
#include "store/move.h"
#include "core/files.h"
#include "core/utf8.h"
#include "core/assess.h"
#include "core/render.h"
#include "domain/rules.h"
#include <libxml/tree.h>
#include <sodium.h>

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
usage_to(FILE *out)
{
	fprintf(out,
	    "usage: xueshictl [--datadir DIR] COMMAND DB [ARGS]\n"
	    "\n"
	    "The administrator's command line of xueshi.\n"
	    "\n"
	    "commands:\n"
	    "  init DB            create the database and apply every migration\n"
	    "  migrate DB         apply the migrations not yet applied (after an upgrade;\n"
	    "                     the programs also do it when they start)\n"
	    "  preset DB NAME     load a preset district: wutongqiao or wuhua\n"
	    "  demo DB            a new database with both presets and the demo data: six\n"
	    "                     schools, 180 teachers, ~1,750 records, an evidence file for\n"
	    "                     every record past draft (written to $XUESHI_EVIDENCE, or to\n"
	    "                     the directory 'evidence' beside DB), and demo accounts\n"
	    "                     (printed; all use the password %s)\n"
	    "    [--today DATE]   the school year that contains DATE (default: today) is\n"
	    "                     each district's current one, a copy of its preset's year\n"
	    "                     (which stays as an earlier year); nothing is dated after DATE\n"
	    "    [--preset-years] keep the presets' own years current, dated as the source\n"
	    "                     documents are (the test suite's data)\n"
	    "  version DB         print the schema version\n"
	    "  remind DB [--today DATE]\n"
	    "                     deadline reminders in the users' inboxes: every teacher\n"
	    "                     whose school's registration deadline (extensions count)\n"
	    "                     is 7, 3 or 1 days away in the district's local time and\n"
	    "                     whose hours still fall short; each once. Run daily\n"
	    "                     (deploy/systemd/xueshi-remind.timer). --today: the local\n"
	    "                     date to count from (default: now)\n"
	    "  assess DB --district CODE --year YYYY-YYYY [--school CODE]\n"
	    "         [--teacher STAFF_NO] [--format xml|text]\n"
	    "                     the assessment (pass/fail) as the pages show it\n"
	    "\n"
	    "setting up a district (each command one transaction, audited as 'xueshictl'):\n"
	    "  admin create DB LOGIN [--name NAME]\n"
	    "                     a system administrator; prints a one-time password once,\n"
	    "                     to be changed at the first login\n"
	    "  district new DB CODE NAME [--from wutongqiao|wuhua|blank] [--year YYYY-YYYY]\n"
	    "         [--year-start MM-DD]\n"
	    "                     a district and its first (current) school year, whose\n"
	    "                     catalogue, cap groups, policy and deadlines copy the preset\n"
	    "                     (default blank: no items, a policy of 0 hours). --year:\n"
	    "                     default the year today falls in; --year-start: the year's\n"
	    "                     first day, default the preset's (07-01)\n"
	    "  school add DB --district CODE --code CODE --name NAME [--kind KIND]\n"
	    "                     KIND: kindergarten primary secondary nine_year complete\n"
	    "                     vocational special teacher_school youth_center\n"
	    "                     research_center adult other (default other)\n"
	    "  school list DB [--district CODE]\n"
	    "                     the schools, with their teachers in the current year\n"
	    "  year open DB --district CODE --label YYYY-YYYY [--starts DATE] [--ends DATE]\n"
	    "                     the next school year, made current: catalogue, cap groups,\n"
	    "                     policy and deadlines copied from the current year, every\n"
	    "                     active teacher carried at the same school and status, new\n"
	    "                     teachers and new principals become regular. Dates default\n"
	    "                     to the label and the district's first day of the year\n"
	    "\n"
	    "recovery:\n"
	    "  passwd DB LOGIN    a new one-time password for any account (printed once;\n"
	    "                     ends its sessions, must be changed at the next login)\n"
	    "  unlock DB LOGIN    let an account in again: enabled, lockout and the login\n"
	    "                     throttle's failures for it cleared\n"
	    "  backup DB FILE     a consistent copy with SQLite's online backup (safe while\n"
	    "                     the programs run), checked with integrity_check; FILE must\n"
	    "                     not exist\n"
	    "  move DB URL [--evidence-from DIR]\n"
	    "                     a district's SQLite database DB into the PostgreSQL\n"
	    "                     database at URL (postgresql://...; no district in it yet;\n"
	    "                     run as a PostgreSQL superuser): every row with its ids, the\n"
	    "                     evidence files from DIR (default 'evidence' beside DB) to\n"
	    "                     $XUESHI_EVIDENCE, then the row counts and every teacher-year's\n"
	    "                     assessment computed again on PostgreSQL compared with DB's;\n"
	    "                     exit status 1 when anything differs\n"
	    "  check DB           integrity_check, the schema version against the migrations\n"
	    "                     shipped, every evidence file present (in $XUESHI_EVIDENCE\n"
	    "                     or 'evidence' beside DB); exit status 1 when anything is wrong\n"
	    "\n"
	    "Refusals print 'xueshictl: CODE: message' on stderr and exit 1 (2: usage);\n"
	    "nothing is changed then.\n"
	    "\n"
	    "options:\n"
	    "  --datadir DIR      where db/ (migrations, presets, demo) is; default the\n"
	    "                     installed data directory, or $XUESHI_DATADIR\n"
	    "  --help             this text\n"
	    "\n"
	    "environment: XUESHI_DB, XUESHI_DATADIR, XUESHI_EVIDENCE (see docs/operations.md)\n",
	    DEMO_PASSWORD);
}

static void
usage(void)
{
	usage_to(stderr);
}

static void
print_hours(long long t)
{
	if (t % 10 == 0)
		printf("%7lld", t / 10);
	else
		printf("%5lld.%lld", t / 10, t % 10);
}

/*
 * assess: every teacher of the district's year (or of one school, or one
 * teacher), with the <assessment> the pages show, and per school the count
 * of failing teachers and the flag.
 */
/* The assessments of a roll, by teacher-year, as assess_each gives them. */
struct collect {
	arena *a;
	const struct roll *roll;
	long long *tys;            /* the roll's teacher-years, sorted */
	size_t *pos;               /* tys[k] is roll->v[pos[k]] */
	struct assessment *results;
	int *have;
};

static int
cmp_ll(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return a < b ? -1 : a > b;
}

static int
collect_one(void *arg, const struct assess_who *who, const struct assessment *as)
{
	struct collect *c = arg;
	long long *hit = bsearch(&who->teacher_year_id, c->tys, c->roll->n, sizeof(*c->tys), cmp_ll);
	struct assessment *out;
	size_t k;

	if (hit == NULL)
		return 0;
	k = c->pos[hit - c->tys];
	out = &c->results[k];
	*out = *as;
	out->category = arena_strdup(c->a, as->category);
	out->lines = arena_alloc(c->a, (as->nlines + 1) * sizeof(*out->lines));
	if (out->category == NULL || out->lines == NULL)
		return 1;
	for (size_t i = 0; i < as->nlines; i++) {
		out->lines[i] = as->lines[i];
		out->lines[i].state = arena_strdup(c->a, as->lines[i].state);
	}
	c->have[k] = 1;
	return 0;
}

/*
 * assess: every teacher of the district's year (or of one school, or one
 * teacher), with the <assessment> the pages show, and per school the count
 * of failing teachers and the flag. The whole scope is assessed in one pass
 * (store/assess.h), then printed in the roll's order.
 */
static int
cmd_assess(struct db *db, int argc, char **argv)
{
	const char *district = NULL, *year = NULL, *school = NULL, *teacher = NULL, *format = "text";
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL, sch = NULL;
	char last_school[64] = "";
	long long failing = 0, total = 0;
	int flag_percent = 0, rc = 0;
	arena *a;
	struct roll roll;
	struct collect col;
	enum db_result r;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--district") == 0)
			district = argv[i + 1];
		else if (strcmp(argv[i], "--year") == 0)
			year = argv[i + 1];
		else if (strcmp(argv[i], "--school") == 0)
			school = argv[i + 1];
		else if (strcmp(argv[i], "--teacher") == 0)
			teacher = argv[i + 1];
		else if (strcmp(argv[i], "--format") == 0)
			format = argv[i + 1];
		else {
			usage();
			return 2;
		}
	}
	if (argc % 2 != 0 || district == NULL || year == NULL ||
	    (strcmp(format, "xml") != 0 && strcmp(format, "text") != 0)) {
		usage();
		return 2;
	}
	if ((a = arena_new()) == NULL)
		return 1;
	r = store_roll(db, a, district, year, school, teacher, &roll);
	if (r != DB_OK && r != DB_NOTFOUND) {
		arena_free(a);
		return 1;
	}
	memset(&col, 0, sizeof(col));
	col.a = a;
	col.roll = &roll;
	col.tys = arena_alloc(a, (roll.n + 1) * sizeof(*col.tys));
	col.pos = arena_alloc(a, (roll.n + 1) * sizeof(*col.pos));
	col.results = arena_alloc(a, (roll.n + 1) * sizeof(*col.results));
	col.have = arena_alloc(a, (roll.n + 1) * sizeof(*col.have));
	if (col.tys == NULL || col.pos == NULL || col.results == NULL || col.have == NULL) {
		arena_free(a);
		return 1;
	}
	memset(col.have, 0, (roll.n + 1) * sizeof(*col.have));
	for (size_t i = 0; i < roll.n; i++)
		col.tys[i] = roll.v[i].teacher_year_id;
	qsort(col.tys, roll.n, sizeof(*col.tys), cmp_ll);
	for (size_t i = 0; i < roll.n; i++) {
		long long *hit = bsearch(&roll.v[i].teacher_year_id, col.tys, roll.n, sizeof(*col.tys), cmp_ll);
		col.pos[hit - col.tys] = i;
	}
	if (roll.n > 0) {
		struct assess_scope sc = { roll.school_year_id, roll.school_id, roll.teacher_year_id };
		if (assess_each(db, a, &sc, collect_one, &col) != DB_OK) {
			arena_free(a);
			return 1;
		}
	}
	flag_percent = roll.flag_percent;
	if (strcmp(format, "xml") == 0) {
		doc = xmlNewDoc(BAD_CAST "1.0");
		root = xmlNewDocNode(doc, NULL, BAD_CAST "assessments", NULL);
		xmlDocSetRootElement(doc, root);
		xml_attr(root, "district", district);
		xml_attr(root, "year", year);
	} else
		printf("%-8s %-10s %-8s %-14s %7s %7s %7s %7s  %-6s %s\n", "school", "staff_no", "name",
		    "category", "total", "pending", "normtv", "needed", "result", "cycle");
	for (size_t i = 0; i < roll.n; i++) {
		const struct roll_entry *e = &roll.v[i];
		const struct assessment *as = &col.results[i];

		if (!col.have[i]) {
			rc = 1;
			break;
		}
		if (strcmp(e->school_code, last_school) != 0) {
			if (last_school[0] != '\0') {
				if (sch) {
					xml_attr_int(sch, "teachers", total);
					xml_attr_int(sch, "failing", failing);
					xml_attr(sch, "flagged", rules_school_flagged(failing, total, flag_percent) ? "yes" : "no");
				} else
					printf("-- %s: %lld of %lld failing%s\n", last_school, failing, total,
					    rules_school_flagged(failing, total, flag_percent) ? " (flagged)" : "");
			}
			snprintf(last_school, sizeof(last_school), "%s", e->school_code);
			failing = total = 0;
			if (root) {
				sch = xml_node(root, "school");
				xml_attr(sch, "code", e->school_code);
				xml_text(sch, "name", e->school_name);
			}
		}
		total++;
		if (!as->pass)
			failing++;
		if (root) {
			xmlNodePtr t = xml_node(sch, "teacher");
			xml_attr(t, "staff-no", e->staff_no);
			xml_attr(t, "status", e->status);
			xml_text(t, "name", e->name);
			assess_xml(t, as);
		} else {
			printf("%-8s %-10s ", e->school_code, e->staff_no);
			printf("%s ", e->name);
			printf("%-14s", as->category);
			print_hours(as->confirmed_tenths);
			print_hours(as->pending_tenths);
			print_hours(as->normative_confirmed_tenths);
			print_hours(as->threshold_tenths);
			printf("  %-6s %s\n", as->pass ? "pass" : "fail",
			    !as->cycle_applies ? "-" : as->cycle_pass ? "pass" : "fail");
		}
	}
	if (last_school[0] != '\0') {
		if (sch) {
			xml_attr_int(sch, "teachers", total);
			xml_attr_int(sch, "failing", failing);
			xml_attr(sch, "flagged", rules_school_flagged(failing, total, flag_percent) ? "yes" : "no");
		} else
			printf("-- %s: %lld of %lld failing%s\n", last_school, failing, total,
			    rules_school_flagged(failing, total, flag_percent) ? " (flagged)" : "");
	}
	if (doc) {
		xmlChar *out = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
		if (out)
			fwrite(out, 1, (size_t)len, stdout);
		xmlFree(out);
		xmlFreeDoc(doc);
	}
	if (roll.n == 0 && rc == 0) {
		fprintf(stderr, "xueshictl: no teacher matches\n");
		rc = 1;
	}
	arena_free(a);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every *.sql file of dir in name order, each in one transaction. */
static int
exec_dir(struct db *db, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[256];
	size_t n = 0;
	int rc = 0;

	if (d == NULL)
		return 0; /* nothing to load */
	while ((e = readdir(d)) != NULL && n < 256) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0)
			if ((names[n] = strdup(e->d_name)) != NULL)
				n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (rc == 0 && db_exec_file(db, path) != DB_OK) {
			fprintf(stderr, "xueshictl: loading %s failed\n", path);
			rc = 1;
		}
		free(names[i]);
	}
	return rc;
}

/* The demo logins for each role (teachers: the first of each school). */
static void
print_demo_accounts(struct db *db)
{
	arena *a = arena_new();
	struct demo_login *v;
	size_t n = 0;

	if (a == NULL || store_demo_logins(db, a, &v, &n) != DB_OK) {
		arena_free(a);
		return;
	}
	printf("demo accounts (password for all: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < n; i++)
		printf("  %-16s %-15s %s\n", v[i].login, v[i].role, v[i].district);
	arena_free(a);
}

/* ------------------------------------------------ setup and recovery (issue 12) */

/* The audit rows the command line writes carry this client, and no account. */
#define CTL_CLIENT "xueshictl"

/* A refusal: a stable code and a sentence, on stderr; exit status 1. */
static int fail(const char *code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int
fail(const char *code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "xueshictl: %s: ", code);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* A value for a message: "(none)" for a missing one. */
#define SHOWN(v) ((v) ? (v) : "(none)")

static int
store_fail(enum db_result r, const char *what)
{
	if (r == DB_BUSY)
		return fail("busy", "the database stayed locked; nothing was changed (%s)", what);
	return fail("store_failed", "the database refused or failed; nothing was changed (%s)", what);
}

struct opt {
	const char *name;
	const char *value;
};

/*
 * Split argv into --name value options (those in opts) and positional
 * arguments. Returns 0, or 2 (usage) on an unknown option, a missing
 * value, or more than maxpos positional arguments.
 */
static int
parse_args(int argc, char **argv, struct opt *opts, size_t nopts, const char **pos,
    size_t maxpos, size_t *npos)
{
	*npos = 0;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0) {
			size_t k;
			for (k = 0; k < nopts; k++)
				if (strcmp(argv[i] + 2, opts[k].name) == 0)
					break;
			if (k == nopts) {
				fprintf(stderr, "xueshictl: unknown_option: %s (see xueshictl --help)\n", argv[i]);
				return 2;
			}
			if (i + 1 >= argc) {
				fprintf(stderr, "xueshictl: missing_value: %s needs a value\n", argv[i]);
				return 2;
			}
			opts[k].value = argv[++i];
		} else {
			if (*npos == maxpos) {
				fprintf(stderr, "xueshictl: extra_argument: %s (see xueshictl --help)\n", argv[i]);
				return 2;
			}
			pos[(*npos)++] = argv[i];
		}
	}
	return 0;
}

/* Letters, digits and chars of extra, length lo..hi. */
static int
token_ok(const char *s, size_t lo, size_t hi, const char *extra)
{
	size_t n = strlen(s);

	if (n < lo || n > hi)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (*p != '\0' && strchr(extra, *p) != NULL)))
			return 0;
	return 1;
}

/* A single-line UTF-8 name of 1..max characters. */
static int
name_ok(const char *s, size_t max)
{
	size_t n = strlen(s), chars;

	if (n == 0 || !utf8_valid_line(s, n))
		return 0;
	chars = utf8_length(s, n);
	return chars >= 1 && chars <= max;
}

/*
 * The database at path is there: a file, or a PostgreSQL URL (whose server
 * says so itself when it is not: db_open fails with its message).
 */
static int
database_exists(const char *path)
{
	if (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0)
		return 1;
	return access(path, F_OK) == 0;
}

/*
 * Where the evidence files of the database at path are: XUESHI_EVIDENCE or
 * evidence beside it. A PostgreSQL database has no "beside": its hosts
 * share the directory XUESHI_EVIDENCE names (-1 when it is not set).
 */
static int
evidence_dir_of(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (getenv("XUESHI_EVIDENCE") != NULL)
		snprintf(out, len, "%s", getenv("XUESHI_EVIDENCE"));
	else if (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0) {
		fprintf(stderr, "xueshictl: XUESHI_EVIDENCE must name the evidence directory"
		    " the hosts share (the database is PostgreSQL's)\n");
		return -1;
	} else if (slash == NULL)
		snprintf(out, len, "evidence");
	else
		snprintf(out, len, "%.*s/evidence", (int)(slash - path), path);
	return 0;
}

/* The highest migration number shipped in dir (NNNN_name.sql), 0 when none. */
static int
shipped_version(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int max = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len > 9 && e->d_name[4] == '_' && strcmp(e->d_name + len - 4, ".sql") == 0 &&
		    e->d_name[0] >= '0' && e->d_name[0] <= '9' && atoi(e->d_name) > max)
			max = atoi(e->d_name);
	}
	closedir(d);
	return max;
}

/* -------- admin create, passwd, unlock */

struct account_tx {
	arena *a;
	const char *login, *name;
	long long id, district;
	char pw[11];
};

static enum db_result
admin_create_tx(struct db *db, void *arg)
{
	struct account_tx *k = arg;
	struct audit_entry e;
	struct audit_json j;
	enum db_result r;

	if ((r = store_account_insert(db, k->login, k->name, "system_admin", 0, 0, 0, &k->id)) != DB_OK)
		return r;
	auth_one_time_password(k->pw);
	if ((r = auth_set_password(db, k->id, k->pw, 1, 0)) != DB_OK)
		return r;
	audit_json_begin(&j, k->a);
	audit_json_str(&j, "login", k->login);
	audit_json_str(&j, "role", "system_admin");
	memset(&e, 0, sizeof(e));
	e.action = "account_create";
	e.object_type = "account";
	e.object_id = k->id;
	e.after = audit_json_end(&j);
	e.client = CTL_CLIENT;
	return e.after ? audit_write(db, &e) : DB_ERROR;
}

static enum db_result
passwd_tx(struct db *db, void *arg)
{
	struct account_tx *k = arg;
	struct audit_entry e;
	enum db_result r;

	auth_one_time_password(k->pw);
	/* Ends every session of the account and clears its lockout. */
	if ((r = auth_set_password(db, k->id, k->pw, 1, 0)) != DB_OK)
		return r;
	memset(&e, 0, sizeof(e));
	e.district_id = k->district;
	e.action = "password_reset";
	e.object_type = "account";
	e.object_id = k->id;
	e.client = CTL_CLIENT;
	return audit_write(db, &e);
}

static enum db_result
unlock_tx(struct db *db, void *arg)
{
	struct account_tx *k = arg;
	return store_account_unlock(db, k->a, k->id, k->login, k->district, CTL_CLIENT);
}

static int
cmd_account(struct db *db, arena *a, const char *cmd, int argc, char **argv)
{
	struct opt opts[] = { { "name", NULL } };
	const char *pos[1], *role;
	struct account_tx k;
	size_t npos;
	enum db_result r;
	int create = strcmp(cmd, "admin") == 0;

	if (parse_args(argc, argv, opts, create ? 1 : 0, pos, 1, &npos) != 0 || npos != 1) {
		usage();
		return 2;
	}
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.login = pos[0];
	if (create) {
		if (!token_ok(k.login, 2, 64, "._@-"))
			return fail("bad_login", "%s: a login is 2 to 64 letters, digits or . _ @ -", k.login);
		k.name = opts[0].value ? opts[0].value : k.login;
		if (!name_ok(k.name, 64))
			return fail("bad_name", "%s: a name is 1 to 64 characters on one line", k.name);
		if ((r = store_tx(db, admin_create_tx, &k)) == DB_CONSTRAINT) {
			sodium_memzero(k.pw, sizeof(k.pw));
			return fail("login_taken", "the login %s is taken; nothing was changed", k.login);
		}
		if (r != DB_OK) {
			sodium_memzero(k.pw, sizeof(k.pw));
			return store_fail(r, "admin create");
		}
		printf("system administrator %s created (account %lld)\n", k.login, k.id);
		printf("one-time password: %s\n", k.pw);
		printf("it is shown only now; it must be changed at the first login\n");
		sodium_memzero(k.pw, sizeof(k.pw));
		return 0;
	}
	if ((r = store_account_by_login(db, a, k.login, &k.id, &role, &k.district)) == DB_NOTFOUND)
		return fail("unknown_account", "no account has the login %s", k.login);
	if (r != DB_OK)
		return store_fail(r, cmd);
	if (strcmp(cmd, "passwd") == 0) {
		if ((r = store_tx(db, passwd_tx, &k)) != DB_OK) {
			sodium_memzero(k.pw, sizeof(k.pw));
			return store_fail(r, "passwd");
		}
		printf("new one-time password for %s (%s): %s\n", k.login, role, k.pw);
		printf("it is shown only now; it must be changed at the next login; every session of the account has ended\n");
		sodium_memzero(k.pw, sizeof(k.pw));
		return 0;
	}
	if ((r = store_tx(db, unlock_tx, &k)) != DB_OK)
		return store_fail(r, "unlock");
	printf("%s (%s) unlocked: enabled, failed logins and lock cleared\n", k.login, role);
	return 0;
}

/* -------- district new */

struct district_tx {
	arena *a;
	struct district_new in;
	long long district_id, year_id;
};

static enum db_result
district_tx(struct db *db, void *arg)
{
	struct district_tx *k = arg;
	return store_district_new(db, k->a, &k->in, &k->district_id, &k->year_id);
}

static int
cmd_district(struct db *db, arena *a, const struct config *cfg, int argc, char **argv)
{
	struct opt opts[] = { { "from", NULL }, { "year", NULL }, { "year-start", NULL } };
	const char *pos[3], *from;
	struct catalogue cat;
	struct district_tx k;
	char starts[32], ends[32], *label;
	size_t npos;
	long long id;
	enum db_result r;
	int first;

	if (parse_args(argc, argv, opts, 3, pos, 3, &npos) != 0 || npos != 3 ||
	    strcmp(pos[0], "new") != 0) {
		usage();
		return 2;
	}
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.in.code = pos[1];
	k.in.name = pos[2];
	k.in.client = CTL_CLIENT;
	k.in.year_start_md = "07-01";
	k.in.self_registration = 1;
	from = opts[0].value ? opts[0].value : "blank";
	if (!rules_code_valid(k.in.code))
		return fail("bad_district_code", "%s: a district code is 2 to 32 of a-z, 0-9, _ and -, beginning with a letter", k.in.code);
	if (!name_ok(k.in.name, 64))
		return fail("bad_name", "%s: a district name is 1 to 64 characters on one line", k.in.name);
	if ((r = store_district_id(db, k.in.code, &id)) == DB_OK)
		return fail("district_exists", "a district with the code %s exists; nothing was changed", k.in.code);
	if (r != DB_NOTFOUND)
		return store_fail(r, "district new");
	if (strcmp(from, "wutongqiao") == 0 || strcmp(from, "wuhua") == 0) {
		if ((r = store_preset_catalogue(cfg->datadir, a, from, &cat, &k.in.year_start_md,
		    &k.in.self_registration)) != DB_OK)
			return fail("preset_failed", "the preset %s did not load from %s/db/presets", from, cfg->datadir);
		k.in.from = &cat;
	} else if (strcmp(from, "blank") != 0)
		return fail("bad_preset", "%s: --from takes wutongqiao, wuhua or blank", from);
	k.in.from_name = from;
	if (opts[2].value != NULL)
		k.in.year_start_md = opts[2].value;
	if (opts[1].value != NULL) {
		if ((first = rules_year_label(opts[1].value)) < 0)
			return fail("bad_label", "%s: a school year is YYYY-YYYY, the second year after the first (2026-2027)", SHOWN(opts[1].value));
		label = (char *)opts[1].value;
	} else {
		/* The school year today falls in, by the district's first day of the year. */
		time_t now = time(NULL);
		struct tm tm;
		char today[32];
		gmtime_r(&now, &tm);
		snprintf(today, sizeof(today), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		first = tm.tm_year + 1900;
		if (strcmp(today + 5, k.in.year_start_md) < 0)
			first--;
		if (first < 1900 || first > 9998 || (label = arena_alloc(a, 16)) == NULL)
			return 1;
		snprintf(label, 16, "%04d-%04d", first, first + 1);
	}
	if (rules_year_bounds(first, k.in.year_start_md, starts, ends) != 0)
		return fail("bad_year_start", "%s: --year-start is the school year's first day, MM-DD (07-01)", k.in.year_start_md);
	k.in.label = label;
	k.in.starts_on = starts;
	k.in.ends_on = ends;
	if ((r = store_tx(db, district_tx, &k)) == DB_CONSTRAINT)
		return fail("district_refused", "the district %s was refused (code taken or a value out of range); nothing was changed", k.in.code);
	if (r != DB_OK)
		return store_fail(r, "district new");
	printf("district %s created from %s: school year %s (%s .. %s), %zu item(s), %zu cap group(s), policy %s\n",
	    k.in.code, from, label, starts, ends, k.in.from ? cat.nitems : 0,
	    k.in.from ? cat.ngroups : 0, k.in.from && cat.policy.present ? "copied" : "blank (0 hours)");
	return 0;
}

/* -------- school add, school list */

static const char *const school_kinds[] = { "kindergarten", "primary", "secondary", "nine_year",
	"complete", "vocational", "special", "teacher_school", "youth_center", "research_center",
	"adult", "other" };

struct school_tx {
	arena *a;
	long long district, id;
	const char *code, *name, *kind;
};

static enum db_result
school_tx(struct db *db, void *arg)
{
	struct school_tx *k = arg;
	return store_school_add(db, k->a, k->district, k->code, k->name, k->kind, CTL_CLIENT, &k->id);
}

static int
district_of(struct db *db, const char *code, long long *id)
{
	enum db_result r;

	if (code == NULL)
		return fail("missing_district", "--district CODE is needed");
	if ((r = store_district_id(db, code, id)) == DB_NOTFOUND)
		return fail("unknown_district", "no district has the code %s", code);
	if (r != DB_OK)
		return store_fail(r, "district");
	return 0;
}

static int
cmd_school(struct db *db, arena *a, int argc, char **argv)
{
	struct opt opts[] = { { "district", NULL }, { "code", NULL }, { "name", NULL }, { "kind", NULL } };
	const char *pos[1];
	struct school_tx k;
	size_t npos, n, i;
	enum db_result r;

	if (parse_args(argc, argv, opts, 4, pos, 1, &npos) != 0 || npos != 1) {
		usage();
		return 2;
	}
	memset(&k, 0, sizeof(k));
	k.a = a;
	if (strcmp(pos[0], "list") == 0) {
		struct school_listed *v;
		if (opts[1].value || opts[2].value || opts[3].value) {
			usage();
			return 2;
		}
		if (opts[0].value != NULL && district_of(db, opts[0].value, &k.district) != 0)
			return 1;
		if ((r = store_schools_list(db, a, k.district, &v, &n)) != DB_OK)
			return store_fail(r, "school list");
		printf("%-12s %-12s %-16s %8s %s\n", "district", "code", "kind", "teachers", "name");
		for (i = 0; i < n; i++)
			printf("%-12s %-12s %-16s %8lld %s%s\n", v[i].district, v[i].code, v[i].kind,
			    v[i].teachers, v[i].name, v[i].active ? "" : " (inactive)");
		return 0;
	}
	if (strcmp(pos[0], "add") != 0) {
		usage();
		return 2;
	}
	if (district_of(db, opts[0].value, &k.district) != 0)
		return 1;
	k.code = opts[1].value;
	k.name = opts[2].value;
	k.kind = opts[3].value ? opts[3].value : "other";
	if (k.code == NULL || !token_ok(k.code, 1, 32, "_-"))
		return fail("bad_school_code", "%s: --code is 1 to 32 letters, digits, _ or -", SHOWN(k.code));
	if (k.name == NULL || !name_ok(k.name, 100))
		return fail("bad_name", "%s: --name is 1 to 100 characters on one line", SHOWN(k.name));
	for (i = 0; i < sizeof(school_kinds) / sizeof(school_kinds[0]); i++)
		if (strcmp(k.kind, school_kinds[i]) == 0)
			break;
	if (i == sizeof(school_kinds) / sizeof(school_kinds[0]))
		return fail("bad_kind", "%s: --kind is one of kindergarten primary secondary nine_year complete vocational special teacher_school youth_center research_center adult other", k.kind);
	if ((r = store_tx(db, school_tx, &k)) == DB_CONSTRAINT)
		return fail("school_exists", "the district already has a school with this code or name (%s); nothing was changed", k.code);
	if (r != DB_OK)
		return store_fail(r, "school add");
	printf("school %s added to %s\n", k.code, opts[0].value);
	return 0;
}

/* -------- year open */

struct yopen_tx {
	arena *a;
	struct year_open in;
	struct year_opened out;
};

static enum db_result
yopen_tx(struct db *db, void *arg)
{
	struct yopen_tx *k = arg;
	return store_year_open(db, k->a, &k->in, &k->out);
}

static int
cmd_year(struct db *db, arena *a, int argc, char **argv)
{
	struct opt opts[] = { { "district", NULL }, { "label", NULL }, { "starts", NULL }, { "ends", NULL } };
	const char *pos[1];
	struct district_year cur;
	struct yopen_tx k;
	char starts[32], ends[32];
	size_t npos;
	enum db_result r;
	int first;

	if (parse_args(argc, argv, opts, 4, pos, 1, &npos) != 0 || npos != 1 ||
	    strcmp(pos[0], "open") != 0) {
		usage();
		return 2;
	}
	if (opts[0].value == NULL)
		return fail("missing_district", "--district CODE is needed");
	if (opts[1].value == NULL || (first = rules_year_label(opts[1].value)) < 0)
		return fail("bad_label", "%s: --label is YYYY-YYYY, the second year after the first (2026-2027)", SHOWN(opts[1].value));
	if ((r = store_district_current(db, a, opts[0].value, &cur)) == DB_NOTFOUND) {
		long long id;
		if (store_district_id(db, opts[0].value, &id) == DB_OK)
			return fail("no_current_year", "the district %s has no current school year", opts[0].value);
		return fail("unknown_district", "no district has the code %s", opts[0].value);
	}
	if (r != DB_OK)
		return store_fail(r, "year open");
	if (first <= atoi(cur.label))
		return fail("label_not_after", "%s: the new school year must come after the current one", cur.label);
	if (rules_year_bounds(first, cur.year_start_md, starts, ends) != 0)
		return fail("bad_year_start", "the district's first day of the year is malformed (%s)", cur.year_start_md);
	if (opts[2].value != NULL)
		snprintf(starts, sizeof(starts), "%s", opts[2].value);
	if (opts[3].value != NULL)
		snprintf(ends, sizeof(ends), "%s", opts[3].value);
	if (!rules_date_valid(starts))
		return fail("bad_date", "%s: --starts is a date YYYY-MM-DD", starts);
	if (!rules_date_valid(ends))
		return fail("bad_date", "%s: --ends is a date YYYY-MM-DD", ends);
	if (strcmp(ends, starts) <= 0)
		return fail("bad_dates", "%s: the year must end after it starts", ends);
	if (strcmp(starts, cur.ends_on) <= 0)
		return fail("overlapping_year", "the new year must start after the current one ends (%s)", cur.ends_on);
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.in.district_id = cur.district_id;
	k.in.label = opts[1].value;
	k.in.starts_on = starts;
	k.in.ends_on = ends;
	k.in.client = CTL_CLIENT;
	if ((r = store_tx(db, yopen_tx, &k)) == DB_CONSTRAINT)
		return fail("year_refused", "the school year %s exists or was refused; nothing was changed", opts[1].value);
	if (r != DB_OK)
		return store_fail(r, "year open");
	printf("school year %s (%s .. %s) opened in %s and made current; %s stays as it was\n",
	    k.in.label, starts, ends, opts[0].value, k.out.previous_label);
	printf("carried %lld teacher(s), %lld moved on to regular; copied %zu item(s), %zu cap group(s) and the policy\n",
	    k.out.teachers, k.out.regularised, k.out.items, k.out.cap_groups);
	return 0;
}

/* -------- move: a district's SQLite database into PostgreSQL */

/* The SHA-256 of the file at path as hex into out[65]: 0, or -1 when it cannot be read. */
static int
file_sha256(const char *path, char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char buf[65536], d[crypto_hash_sha256_BYTES];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return -1;
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&h, buf, n);
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, sizeof(d));
	return 0;
}

/*
 * Every evidence file the database names, from one directory to the other
 * by its hash (files_store: a temporary file renamed into place; one that is
 * there already is kept), each checked against its name before and after.
 */
static int
copy_evidence(struct db *db, arena *a, const char *from, const char *to, size_t *copied)
{
	const char **sha;
	size_t n;
	int bad = 0;

	*copied = 0;
	if (store_evidence_files(db, a, &sha, &n) != DB_OK)
		return fail("move_failed", "the evidence files could not be listed");
	for (size_t i = 0; i < n; i++) {
		char src[4200], dst[4200], got[65];
		struct evidence_info info;
		if (files_path(from, sha[i], src, sizeof(src)) != 0 || files_path(to, sha[i], dst, sizeof(dst)) != 0)
			continue;
		if (file_sha256(src, got) != 0 || strcmp(got, sha[i]) != 0) {
			fprintf(stderr, "xueshictl: evidence %s: %s\n", sha[i], access(src, F_OK) != 0 ?
			    "missing in the source directory" : "its content does not match its name");
			bad++;
			continue;
		}
		memset(&info, 0, sizeof(info));
		snprintf(info.sha256, sizeof(info.sha256), "%s", sha[i]);
		if (files_store(to, src, &info) != FILES_OK || file_sha256(dst, got) != 0 ||
		    strcmp(got, sha[i]) != 0) {
			fprintf(stderr, "xueshictl: evidence %s: could not be written to %s\n", sha[i], to);
			bad++;
			continue;
		}
		(*copied)++;
	}
	return bad;
}

static int
cmd_move(const struct config *cfg, const char *from, int argc, char **argv)
{
	const char *to, *ev_from = NULL, *ev_to = getenv("XUESHI_EVIDENCE");
	char beside[4096];
	struct db *src = NULL, *dst = NULL;
	struct move_report rep;
	arena *a = NULL;
	enum db_result r;
	size_t copied = 0;
	int rc = 1, missing;

	if (argc < 1) {
		usage();
		return 2;
	}
	to = argv[0];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--evidence-from") == 0 && i + 1 < argc)
			ev_from = argv[++i];
		else {
			usage();
			return 2;
		}
	}
	if (strncmp(to, "postgresql://", 13) != 0 && strncmp(to, "postgres://", 11) != 0)
		return fail("not_postgresql", "%s is not a postgresql:// URL: a district moves into PostgreSQL", to);
	if (strncmp(from, "postgresql://", 13) == 0 || !database_exists(from))
		return fail("no_database", "%s is not a SQLite database file", from);
	if (ev_to == NULL)
		return fail("no_evidence_dir", "XUESHI_EVIDENCE must name the evidence directory the hosts share");
	if (ev_from == NULL) {
		const char *slash = strrchr(from, '/');
		if (slash == NULL)
			snprintf(beside, sizeof(beside), "evidence");
		else
			snprintf(beside, sizeof(beside), "%.*s/evidence", (int)(slash - from), from);
		ev_from = beside;
	}
	if ((src = db_open(from, 0)) == NULL || (dst = db_open(to, 0)) == NULL || (a = arena_new()) == NULL)
		goto out;
	if (db_migrate(src, cfg->migrations_dir, NULL) != DB_OK || db_migrate(dst, cfg->migrations_dir, NULL) != DB_OK) {
		fprintf(stderr, "xueshictl: move: the schema could not be brought up to date\n");
		goto out;
	}
	r = store_move(src, dst, a, &rep);
	if (r == DB_CONSTRAINT) {
		rc = fail(rep.refused, strcmp(rep.refused, "not_empty") == 0 ?
		    "%s already holds a district: a move keeps every id, so it goes into a database"
		    " of no district yet (nothing was changed)" :
		    "%s: the move runs as a PostgreSQL superuser (it copies the rows with the"
		    " triggers held); nothing was changed", to);
		goto out;
	}
	if (r != DB_OK) {
		rc = fail("move_failed", "the copy failed (the reason is above); nothing was changed in %s", to);
		goto out;
	}
	printf("copied %zu tables, %lld rows\n", rep.tables, rep.rows);
	missing = copy_evidence(src, a, ev_from, ev_to, &copied);
	printf("evidence: %zu file(s) copied to %s, %d missing or damaged\n", copied, ev_to, missing);
	printf("assessments: %zu teacher-year(s) computed again on PostgreSQL, %zu unlike SQLite's\n",
	    rep.assessed, rep.differ);
	if (rep.differ > 0)
		fprintf(stderr, "xueshictl: move_differs: %s differs between the two databases\n",
		    rep.first_diff ? rep.first_diff : "?");
	rc = rep.differ == 0 && missing == 0 ? 0 : 1;
	if (rc == 0)
		printf("move: ok (row counts and every assessment agree)\n");
out:
	arena_free(a);
	db_close(dst);
	db_close(src);
	return rc;
}

/* -------- backup, check */

static int
cmd_backup(struct db *db, arena *a, const char *file)
{
	static const char *const tables[] = { "district", "school", "teacher", "teacher_year",
		"account", "record", "evidence_file", "audit" };
	const char *problem;
	struct db *copy;
	enum db_result r;
	int rc = 0;

	if (db_is_pg(db))
		return fail("backup_postgresql", "the database is PostgreSQL's: back it up with pg_basebackup"
		    " and WAL archiving (docs/operations.md, \"A consolidated deployment\")");
	if (access(file, F_OK) == 0)
		return fail("file_exists", "%s exists; a backup never overwrites a file", file);
	if ((r = store_backup(db, a, file, &problem)) == DB_CONSTRAINT)
		return fail("file_exists", "%s exists; a backup never overwrites a file", file);
	if (r != DB_OK) {
		if (problem)
			return fail("backup_corrupt", "the copy failed its integrity check (%s); it was removed", problem);
		return fail("backup_failed", "the copy could not be written to %s (it was removed)", file);
	}
	printf("backup written to %s; integrity_check: ok\n", file);
	if ((copy = db_open(file, 0)) == NULL)
		return 1;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		long long n1 = -1, n2 = -2;
		store_count_rows(db, tables[i], &n1);
		store_count_rows(copy, tables[i], &n2);
		printf("  %-14s %8lld\n", tables[i], n2);
		if (n1 != n2) {
			fprintf(stderr, "xueshictl: backup_mismatch: %s has %lld rows, the copy %lld\n",
			    tables[i], n1, n2);
			rc = 1;
		}
	}
	db_close(copy);
	return rc;
}

static int
cmd_check(struct db *db, arena *a, const struct config *cfg, const char *path)
{
	const char **msgs, **sha;
	size_t n, missing = 0;
	char dir[4096], file[8192];
	int bad = 0, have, shipped;
	enum db_result r;

	if ((r = store_integrity(db, a, &msgs, &n)) != DB_OK)
		return store_fail(r, "check");
	for (size_t i = 0; i < n; i++)
		printf("integrity: %s\n", msgs[i]);
	if (n == 0)
		printf("integrity: ok\n");
	else
		bad = 1;
	have = db_version(db);
	shipped = shipped_version(cfg->migrations_dir);
	if (have == shipped)
		printf("schema version: %d (as shipped)\n", have);
	else {
		printf("schema version: %d, the migrations shipped reach %d%s\n", have, shipped,
		    have < shipped ? " (run xueshictl migrate)" : " (the programs are older than the database)");
		bad = 1;
	}
	if (evidence_dir_of(path, dir, sizeof(dir)) != 0)
		return 1;
	if ((r = store_evidence_files(db, a, &sha, &n)) != DB_OK)
		return store_fail(r, "check");
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (files_path(dir, sha[i], file, sizeof(file)) != 0 || stat(file, &sb) != 0 ||
		    !S_ISREG(sb.st_mode)) {
			printf("evidence missing: %s (%s)\n", sha[i], file);
			missing++;
		}
	}
	printf("evidence: %zu file(s) in %s, %zu missing\n", n, dir, missing);
	if (missing)
		bad = 1;
	printf("%s\n", bad ? "check: problems found" : "check: ok");
	return bad;
}

/*
 * The setup and recovery commands: each opens an existing database, and
 * makes its change in one transaction (or none at all). Returns the exit
 * status, or -1 when cmd is not one of them.
 */
static int
run_setup(const struct config *cfg, const char *cmd, const char *path, int argc, char **argv)
{
	static const char *const cmds[] = { "admin", "passwd", "unlock", "district", "school",
		"year", "backup", "check" };
	size_t i;
	struct db *db;
	arena *a;
	int rc = 2, applied;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmd, cmds[i]) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0]))
		return -1;
	/* "admin create DB LOGIN", "district new DB ...": the sub-command comes first. */
	if (strcmp(cmd, "admin") == 0) {
		if (strcmp(path, "create") != 0 || argc < 1) {
			usage();
			return 2;
		}
		path = argv[0];
		argc--;
		argv++;
	} else if (strcmp(cmd, "district") == 0 || strcmp(cmd, "school") == 0 ||
	    strcmp(cmd, "year") == 0) {
		const char *sub = path;
		int known = strcmp(cmd, "district") == 0 ? strcmp(sub, "new") == 0 :
		    strcmp(cmd, "school") == 0 ? strcmp(sub, "add") == 0 || strcmp(sub, "list") == 0 :
		    strcmp(sub, "open") == 0;
		if (argc < 1 || !known) {
			usage();
			return 2;
		}
		path = argv[0];
		argv[0] = (char *)sub;   /* the sub-command becomes the first argument */
	}
	if (!database_exists(path))
		return fail("no_database", "%s does not exist (create it with xueshictl init)", path);
	if ((db = db_open(path, 0)) == NULL)
		return 1;
	if ((a = arena_new()) == NULL) {
		db_close(db);
		return 1;
	}
	if (strcmp(cmd, "check") != 0 && strcmp(cmd, "backup") != 0) {
		/* As the programs do when they start: the schema first. */
		if (db_migrate(db, cfg->migrations_dir, &applied) != DB_OK) {
			rc = 1;
			goto out;
		}
		db_set_commit_hook(db, assess_commit_hook, NULL);
	}
	if (strcmp(cmd, "admin") == 0 || strcmp(cmd, "passwd") == 0 || strcmp(cmd, "unlock") == 0)
		rc = cmd_account(db, a, cmd, argc, argv);
	else if (strcmp(cmd, "district") == 0)
		rc = cmd_district(db, a, cfg, argc, argv);
	else if (strcmp(cmd, "school") == 0)
		rc = cmd_school(db, a, argc, argv);
	else if (strcmp(cmd, "year") == 0)
		rc = cmd_year(db, a, argc, argv);
	else if (strcmp(cmd, "backup") == 0) {
		if (argc != 1) {
			usage();
			rc = 2;
		} else
			rc = cmd_backup(db, a, argv[0]);
	} else if (argc != 0) {
		usage();
		rc = 2;
	} else
		rc = cmd_check(db, a, cfg, path);
out:
	arena_free(a);
	db_close(db);
	return rc;
}

/* The district's local date: --today's, or now in the district's offset. */
static void
remind_today(int utc_offset_minutes, char out[11], void *arg)
{
	const char *fixed = arg;

	if (fixed != NULL)
		snprintf(out, 11, "%s", fixed);
	else
		deadline_local_date((long long)time(NULL), utc_offset_minutes, out);
}

static enum db_result
remind_tx(struct db *db, void *arg)
{
	static const int days[] = { 7, 3, 1 };
	void **k = arg;

	return store_remind(db, remind_today, k[0], days, 3, k[1]);
}

/* xueshictl remind DB [--today DATE] */
static int
cmd_remind(struct db *db, int argc, char **argv)
{
	const char *today = NULL;
	long long made = 0;
	void *k[2];

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--today") == 0 && i + 1 < argc && rules_date_valid(argv[i + 1]))
			today = argv[++i];
		else {
			fprintf(stderr, "xueshictl: remind: expected --today YYYY-MM-DD, not %s\n", argv[i]);
			return 2;
		}
	}
	db_set_commit_hook(db, assess_commit_hook, NULL);
	if (assess_refresh_now(db) != DB_OK)
		return 1;
	k[0] = (void *)today;
	k[1] = &made;
	if (store_tx(db, remind_tx, k) != DB_OK) {
		fprintf(stderr, "xueshictl: remind: the database refused\n");
		return 1;
	}
	printf("%lld reminder(s) made\n", made);
	return 0;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	const char *cmd, *path;
	struct db *db;
	int applied = 0, rc = 0, argi = 1;
	char dir[8192], todaybuf[16];
	const char *today = todaybuf;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage_to(stdout);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--datadir") == 0) {
		setenv("XUESHI_DATADIR", argv[2], 1);
		argi = 3;
	}
	if (argc - argi < 2) {
		usage();
		return 2;
	}
	cmd = argv[argi];
	path = argv[argi + 1];
	if (config_load(&cfg) < 0 || auth_init(cfg.tmp_dir) < 0)
		return 2;
	if ((rc = run_setup(&cfg, cmd, path, argc - argi - 2, argv + argi + 2)) >= 0)
		return rc;
	rc = 0;
	if (strcmp(cmd, "move") == 0)
		return cmd_move(&cfg, path, argc - argi - 2, argv + argi + 2);
	if (strcmp(cmd, "assess") == 0) {
		if (!database_exists(path)) {
			fprintf(stderr, "xueshictl: %s does not exist\n", path);
			return 1;
		}
		if ((db = db_open(path, 0)) == NULL)
			return 1;
		rc = cmd_assess(db, argc - argi - 2, argv + argi + 2);
		db_close(db);
		xmlCleanupParser();
		return rc;
	}
	if (strcmp(cmd, "remind") == 0) {
		if (!database_exists(path)) {
			fprintf(stderr, "xueshictl: %s does not exist\n", path);
			return 1;
		}
		if ((db = db_open(path, 1)) == NULL)
			return 1;
		rc = cmd_remind(db, argc - argi - 2, argv + argi + 2);
		db_close(db);
		return rc;
	}
	if (strcmp(cmd, "init") != 0 && strcmp(cmd, "migrate") != 0 &&
	    strcmp(cmd, "demo") != 0 && strcmp(cmd, "version") != 0 &&
	    strcmp(cmd, "preset") != 0) {
		usage();
		return 2;
	}
	if (strcmp(cmd, "preset") == 0 && argc - argi < 3) {
		usage();
		return 2;
	}
	if (strcmp(cmd, "version") == 0 && !database_exists(path)) {
		fprintf(stderr, "xueshictl: %s does not exist\n", path);
		return 1;
	}
	if (strcmp(cmd, "demo") == 0) {
		/* The year in progress: today's date, --today DATE, or --preset-years. */
		time_t now = time(NULL);
		struct tm tm;
		if (localtime_r(&now, &tm) == NULL || strftime(todaybuf, sizeof(todaybuf), "%Y-%m-%d", &tm) == 0)
			today = NULL;
		for (int i = argi + 2; i < argc; i++) {
			if (strcmp(argv[i], "--today") == 0 && i + 1 < argc && rules_date_valid(argv[i + 1]))
				today = argv[++i];
			else if (strcmp(argv[i], "--preset-years") == 0)
				today = NULL;
			else {
				fprintf(stderr, "xueshictl: demo: expected --today YYYY-MM-DD (a real date) or"
				    " --preset-years, not %s%s%s\n", argv[i], i + 1 < argc ? " " : "",
				    i + 1 < argc ? argv[i + 1] : "");
				return 2;
			}
		}
	}
	db = db_open(path, strcmp(cmd, "version") != 0);
	if (db == NULL)
		return 1;
	if (strcmp(cmd, "version") == 0) {
		printf("%d\n", db_version(db));
		goto out;
	}
	if (db_migrate(db, cfg.migrations_dir, &applied) != DB_OK) {
		rc = 1;
		goto out;
	}
	printf("schema version %d (%d migration(s) applied)\n", db_version(db), applied);
	/* Kept results change with what they derive from (store/assess.h), here too. */
	db_set_commit_hook(db, assess_commit_hook, NULL);
	if (assess_refresh_now(db) != DB_OK) {
		rc = 1;
		goto out;
	}
	if (strcmp(cmd, "preset") == 0) {
		const char *name = argv[argi + 2];
		for (const char *p = name; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_')) {
				fprintf(stderr, "xueshictl: bad preset name %s\n", name);
				rc = 2;
				goto out;
			}
		snprintf(dir, sizeof(dir), "%s/db/presets/%s.sql", cfg.datadir, name);
		if (db_exec_file(db, dir) != DB_OK)
			rc = 1;
		else
			printf("preset %s loaded\n", name);
	} else if (strcmp(cmd, "demo") == 0) {
		if (store_count_districts(db) != 0) {
			fprintf(stderr, "xueshictl: %s already holds districts; demo needs a new database\n", path);
			rc = 1;
			goto out;
		}
		snprintf(dir, sizeof(dir), "%s/db/presets", cfg.datadir);
		if ((rc = exec_dir(db, dir)) != 0)
			goto out;
		snprintf(dir, sizeof(dir), "%s/db/demo", cfg.datadir);
		if ((rc = exec_dir(db, dir)) != 0)
			goto out;
		/* The demo's evidence files go where the programs will look for them. */
		if (evidence_dir_of(path, dir, sizeof(dir)) != 0) {
			rc = 1;
			goto out;
		}
		if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
			fprintf(stderr, "xueshictl: cannot create %s: %s\n", dir, strerror(errno));
			rc = 1;
			goto out;
		}
		if (demo_generate(db, 30, dir, today) != 0) {
			rc = 1;
			goto out;
		}
		printf("demo data loaded: %d district(s)\n", store_count_districts(db));
		print_demo_accounts(db);
	}
out:
	db_close(db);
	return rc;
}
