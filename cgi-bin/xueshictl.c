/*
 * xueshictl - the administrator's command line.
 *
 *   xueshictl init DB            create the database and apply migrations
 *   xueshictl migrate DB         apply migrations not yet applied
 *   xueshictl preset DB NAME     load a preset district (db/presets/NAME.sql)
 *   xueshictl demo DB            init + every preset + the demo data
 *   xueshictl version DB         print the schema version
 *
 * --datadir DIR (or XUESHI_DATADIR) names the directory holding db/.
 */
#include "core/config.h"
#include "core/db.h"
#include "core/auth.h"
#include "demo.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr,
	    "usage: xueshictl [--datadir DIR] init|migrate|demo|version DB\n"
	    "       xueshictl [--datadir DIR] preset DB NAME\n");
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

static int
count_districts(struct db *db)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM district",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The demo logins for each role (teachers: the first two of each district). */
static void
print_demo_accounts(struct db *db)
{
	static const char sql[] =
	    "SELECT login, role, coalesce((SELECT code FROM district WHERE id = a.district_id), '-')"
	    " FROM account a WHERE role <> 'teacher'"
	    " OR id IN (SELECT min(id) FROM account WHERE role = 'teacher' GROUP BY school_id)"
	    " ORDER BY district_id IS NOT NULL, district_id, role, login";
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		return;
	printf("demo accounts (password for all: %s):\n", DEMO_PASSWORD);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("  %-16s %-15s %s\n", (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
}

int
main(int argc, char **argv)
{
	struct config cfg;
	const char *cmd, *path;
	struct db *db;
	int applied = 0, rc = 0, argi = 1;
	char dir[8192];

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
		if (count_districts(db) != 0) {
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
		if (demo_generate(db, 30) != 0) {
			rc = 1;
			goto out;
		}
		printf("demo data loaded: %d district(s)\n", count_districts(db));
		print_demo_accounts(db);
	}
out:
	db_close(db);
	return rc;
}
