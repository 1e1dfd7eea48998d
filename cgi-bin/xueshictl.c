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
 *
 * --datadir DIR (or XUESHI_DATADIR) names the directory holding db/.
 */
#include "core/config.h"
#include "core/db.h"
#include "core/auth.h"
#include "store/demo.h"
#include "store/roll.h"
#include "core/assess.h"
#include "core/render.h"
#include "domain/rules.h"
#include <libxml/tree.h>

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
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
	    "  assess DB --district CODE --year YYYY-YYYY [--school CODE]\n"
	    "         [--teacher STAFF_NO] [--format xml|text]\n"
	    "                     the assessment (pass/fail) as the pages show it\n"
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
	if (strcmp(cmd, "assess") == 0) {
		if (access(path, F_OK) != 0) {
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
	if (strcmp(cmd, "version") == 0 && access(path, F_OK) != 0) {
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
		if (getenv("XUESHI_EVIDENCE") != NULL)
			snprintf(dir, sizeof(dir), "%s", getenv("XUESHI_EVIDENCE"));
		else {
			const char *slash = strrchr(path, '/');
			if (slash == NULL)
				snprintf(dir, sizeof(dir), "evidence");
			else
				snprintf(dir, sizeof(dir), "%.*s/evidence", (int)(slash - path), path);
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
