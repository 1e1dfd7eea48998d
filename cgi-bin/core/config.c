/* config.c - see config.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef XS_DATADIR
#define XS_DATADIR "/usr/local/share/xueshi"
#endif
#ifndef XS_DBPATH
#define XS_DBPATH "/var/lib/xueshi/xueshi.db"
#endif

static const char *
env_or(const char *name, const char *def)
{
	const char *v = getenv(name);
	return v != NULL && *v != '\0' ? v : def;
}

static int
env_size(const char *name, size_t *out)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;

	if (v == NULL || *v == '\0')
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0 || *end != '\0' || n == 0 || v[0] == '-') {
		fprintf(stderr, "xueshi: %s must be a positive number of bytes\n", name);
		return -1;
	}
	*out = (size_t)n;
	return 0;
}

int
config_load(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->db_path = env_or("XUESHI_DB", XS_DBPATH);
	if ((strncmp(cfg->db_path, "postgresql:", 11) == 0 || strncmp(cfg->db_path, "postgres:", 9) == 0) &&
	    strncmp(cfg->db_path, "postgresql://", 13) != 0 && strncmp(cfg->db_path, "postgres://", 11) != 0) {
		/* Not a file to create: say so rather than make a file of that name. */
		fprintf(stderr, "xueshi: XUESHI_DB: a PostgreSQL database is named by a URL,"
		    " postgresql://[user@]host/dbname (docs/operations.md)\n");
		return -1;
	}
	cfg->datadir = env_or("XUESHI_DATADIR", XS_DATADIR);
	cfg->tmp_dir = env_or("XUESHI_TMPDIR", env_or("TMPDIR", "/tmp"));
	cfg->evidence_dir = env_or("XUESHI_EVIDENCE", XS_EVIDENCEDIR);
	cfg->public_url = env_or("XUESHI_PUBLIC_URL", "");
	if (*cfg->public_url && strncmp(cfg->public_url, "http://", 7) != 0 &&
	    strncmp(cfg->public_url, "https://", 8) != 0) {
		fprintf(stderr, "xueshi: XUESHI_PUBLIC_URL must start with http:// or https://\n");
		return -1;
	}
	cfg->fault_injection = getenv("XUESHI_FAULT_INJECTION") != NULL &&
	    strcmp(getenv("XUESHI_FAULT_INJECTION"), "1") == 0;
	{
		size_t every = 0;
		if (env_size("XUESHI_MEMORY_LOG", &every) < 0)
			return -1;
		cfg->memory_log_every = every > 1000000000 ? 1000000000 : (long)every;
	}
	if ((size_t)snprintf(cfg->xsl_dir, sizeof(cfg->xsl_dir), "%s/xsl",
	    cfg->datadir) >= sizeof(cfg->xsl_dir) ||
	    (size_t)snprintf(cfg->migrations_dir, sizeof(cfg->migrations_dir),
	    "%s/db/migrations", cfg->datadir) >= sizeof(cfg->migrations_dir)) {
		fprintf(stderr, "xueshi: XUESHI_DATADIR is too long\n");
		return -1;
	}
	http_limits_default(&cfg->limits);
	if (env_size("XUESHI_MAX_BODY", &cfg->limits.max_body) < 0 ||
	    env_size("XUESHI_MAX_FORM_BODY", &cfg->limits.max_form_body) < 0 ||
	    env_size("XUESHI_MAX_FIELDS", &cfg->limits.max_fields) < 0 ||
	    env_size("XUESHI_MAX_FIELD_LEN", &cfg->limits.max_field_len) < 0 ||
	    env_size("XUESHI_MAX_FILES", &cfg->limits.max_files) < 0 ||
	    env_size("XUESHI_MAX_UPLOAD", &cfg->limits.max_upload) < 0 ||
	    env_size("XUESHI_MAX_URI", &cfg->limits.max_uri) < 0 ||
	    env_size("XUESHI_MAX_COOKIE", &cfg->limits.max_cookie) < 0)
		return -1;
	return 0;
}
