/*
 * files.h - the evidence store (佐证材料).
 *
 * An uploaded file is checked by content (libmagic) and by extension, both
 * of which must agree with the allowed list (JPEG, PNG, WebP, GIF images and
 * PDF); it is stored once, under its SHA-256, below the evidence directory
 * (outside the web root), as evidence/ab/abcdef...; the database keeps the
 * metadata. Storing is atomic: a temporary file in the same directory, then
 * fsync and rename.
 */
#ifndef XS_FILES_H
#define XS_FILES_H

#include <stddef.h>

enum files_result {
	FILES_OK = 0,
	FILES_EMPTY,        /* no content */
	FILES_TOO_BIG,      /* over the bound */
	FILES_BAD_TYPE,     /* content is not an allowed type */
	FILES_MISMATCH,     /* extension and content disagree */
	FILES_TRUNCATED,    /* the content is cut short (JPEG/PNG/PDF end marker missing) */
	FILES_IO,           /* could not read or store */
	FILES_RESULT__MAX
};

/* A stable code for the XML ("evidence_too_big", ...). */
const char *files_code(enum files_result r);

struct evidence_info {
	char sha256[65];
	char content_type[80];   /* the type we serve it as */
	size_t size;
};

/*
 * Check the file at path (an upload's temporary file) named filename by the
 * browser, of at most max bytes; fill info. Allocates nothing that outlives
 * the call.
 */
enum files_result files_check(const char *path, const char *filename,
    size_t max, struct evidence_info *info);

/*
 * Store the checked file under dir by its hash (a no-op when it is already
 * there). Returns FILES_OK or FILES_IO.
 */
enum files_result files_store(const char *dir, const char *path,
    const struct evidence_info *info);

/*
 * The stored path for a hash (64 lower-case hex characters) into out.
 * Returns 0, or -1 when the hash is malformed or out is too small.
 */
int files_path(const char *dir, const char *sha256, char *out, size_t outlen);

/*
 * The name an evidence file is kept and served under: the browser's name,
 * shortened to at most FILES_NAME_MAX characters (UTF-8 characters, never
 * cut inside one) with its extension kept ("很长的名字…….jpg"), path
 * separators and control characters replaced by "_". Writes into out
 * (outlen >= 4 * FILES_NAME_MAX + 1 holds any result) and returns out.
 * A 500-character Chinese name would otherwise make a Content-Disposition
 * header of 4.5 KB that nginx refuses (502).
 */
#define FILES_NAME_MAX 80
char *files_safe_name(const char *name, char *out, size_t outlen);

/* Close the libmagic handle (at exit). */
void files_cleanup(void);

/*
 * Whether dir takes a new file: create a temporary file there, write and
 * sync one byte, remove it. 0 when it does, else the errno of the step
 * that failed (the health check; nothing is left behind either way).
 */
int files_dir_writable(const char *dir);

#endif
