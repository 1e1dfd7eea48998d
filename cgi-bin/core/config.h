/*
 * config.h - process-wide settings, read once at start from the environment
 * (XUESHI_*), with defaults fixed at build time. Nothing here changes per
 * request. See docs/operations.md for the list.
 */
#ifndef XS_CONFIG_H
#define XS_CONFIG_H

#include "http.h"

struct config {
	const char *db_path;      /* XUESHI_DB */
	const char *datadir;      /* XUESHI_DATADIR: holds xsl/, db/, htdocs/ */
	char xsl_dir[4096];       /* datadir/xsl */
	char migrations_dir[4096];/* datadir/db/migrations */
	const char *tmp_dir;      /* XUESHI_TMPDIR: uploads in flight */
	const char *evidence_dir; /* XUESHI_EVIDENCE: stored evidence files */
	const char *public_url;   /* XUESHI_PUBLIC_URL: the address printed documents'
	                             verification links start with ("" : the request's) */
	struct http_limits limits;/* XUESHI_MAX_BODY, XUESHI_MAX_UPLOAD, ... */
	long memory_log_every;    /* XUESHI_MEMORY_LOG=N: a worker logs its memory every N requests (0: never) */
	int fault_injection;      /* XUESHI_FAULT_INJECTION=1: honour X-Xueshi-Fault-At
	                             (the tests only; never set it in production) */
};

/*
 * Fill cfg from the environment. Returns 0, or -1 with a message on stderr
 * when a setting is malformed or a path is too long.
 */
int config_load(struct config *cfg);

#endif
