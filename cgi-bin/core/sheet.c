/*
 * sheet.c - reading CSV and .xlsx into rows of UTF-8 cells (see sheet.h).
 *
 * CSV goes through libcsv (quotes, embedded newlines, CRLF); the bytes are
 * UTF-8 when they are valid UTF-8 (a BOM is dropped), else they are
 * converted from GB18030 (a superset of GBK) with iconv, else refused.
 * .xlsx is a zip: xl/workbook.xml and its rels name the worksheets,
 * xl/sharedStrings.xml holds the strings. Every part read is capped (the
 * size the zip declares and the bytes actually inflated), so a zip bomb is
 * refused as SHEET_TOO_BIG.
 *
 * Entities: a part is refused as SHEET_DTD when its bytes hold "<!DOCTYPE"
 * or "<!ENTITY" (before it is parsed), and again at parse time when the
 * parser meets a document type declaration in any encoding (the SAX
 * internalSubset callback stops the parser before the subset is read), and
 * once more if a parsed document has a subset at all. Without a DTD the
 * only entities are the five predefined ones and character references,
 * which the parser turns into text; an undeclared entity is a fatal error.
 * Text is read from the text and CDATA children of <t> and <v> only, never
 * with xmlNodeGetContent (which expands entity references), and never more
 * than one cell's worth; all cells together are capped at SHEET_MAX_TEXT.
 *
 * Numbers: an integer stored as a number comes back as its digits with no
 * exponent or decimals ("110101199003078515" only if Excel kept it, which
 * it cannot: Excel keeps 15 significant digits). An integer of 16 or more
 * digits has been rounded by Excel already, so it comes back in the form
 * Excel shows ("1.10101199003078E+17"), which no ID-number check accepts:
 * the import reports such a cell as a bad ID number instead of guessing.
 */
#include "sheet.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <freexl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>
#include <zip.h>

#define SHEET_MAX_CELL     4096              /* bytes in one cell */
#define SHEET_MAX_FILE     (32u << 20)       /* bytes of a CSV file */
#define SHEET_MAX_PART     (48u << 20)       /* bytes of one inflated xlsx part */
#define SHEET_MAX_SMALL    (4u << 20)        /* workbook.xml and its rels */
#define SHEET_MAX_STRINGS  200000            /* shared strings */
#define SHEET_MAX_ROWNUM   1048576           /* Excel's last row */

/* A shared string longer than a cell may be: refused where it is used. */
static char too_long[] = "";

const char *
sheet_code(enum sheet_result r)
{
	static const char *const codes[SHEET_RESULT__MAX] = { "ok", "sheet_empty",
		"sheet_too_big", "sheet_bad_encoding", "sheet_bad_format", "sheet_nomem", "sheet_io",
		"sheet_dtd", "sheet_too_much_text" };
	return (unsigned)r < SHEET_RESULT__MAX ? codes[r] : "sheet_io";
}

const char *
sheet_cell(const struct sheet_row *r, size_t c)
{
	return r != NULL && c < r->ncells && r->cells[c] != NULL ? r->cells[c] : "";
}

/* ------------------------------------------------------------ row builder */

struct builder {
	arena *a;
	size_t max_rows, max_cols;
	enum sheet_result err;
	/* the rows so far (malloc, copied into the arena at the end) */
	struct sheet_row *rows;
	size_t nrows, caprows;
	/* the row being built */
	const char **cells;
	size_t ncells;
	int line;
	size_t text;   /* bytes of cell text so far (SHEET_MAX_TEXT) */
};

/* Trim ASCII white space, NBSP and the ideographic space at both ends. */
static void
trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t len = *n;

	for (;;) {
		if (len >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n')) {
			p++; len--;
		} else if (len >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
			p += 2; len -= 2;
		} else if (len >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3; len -= 3;
		} else
			break;
	}
	for (;;) {
		if (len >= 1 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
		    p[len - 1] == '\r' || p[len - 1] == '\n')) {
			len--;
		} else if (len >= 2 && p[len - 2] == 0xc2 && p[len - 1] == 0xa0) {
			len -= 2;
		} else if (len >= 3 && p[len - 3] == 0xe3 && p[len - 2] == 0x80 &&
		    p[len - 1] == 0x80) {
			len -= 3;
		} else
			break;
	}
	*s = (const char *)p;
	*n = len;
}

static int
b_init(struct builder *b, arena *a, size_t max_rows, size_t max_cols)
{
	memset(b, 0, sizeof(*b));
	b->a = a;
	b->max_rows = max_rows;
	b->max_cols = max_cols;
	b->cells = calloc(max_cols > 0 ? max_cols : 1, sizeof(*b->cells));
	if (b->cells == NULL) {
		b->err = SHEET_NOMEM;
		return -1;
	}
	return 0;
}

static void
b_free(struct builder *b)
{
	free(b->rows);
	free(b->cells);
	b->rows = NULL;
	b->cells = NULL;
}

/* Put a cell at column col of the current row. */
static void
b_cell(struct builder *b, size_t col, const char *s, size_t n)
{
	char *copy;

	if (b->err != SHEET_OK)
		return;
	trim(&s, &n);
	if (n == 0)
		return;
	if (col >= b->max_cols || n > SHEET_MAX_CELL) {
		b->err = SHEET_TOO_BIG;
		return;
	}
	if (n > SHEET_MAX_TEXT - b->text) {
		b->err = SHEET_TOO_MUCH_TEXT;
		return;
	}
	b->text += n;
	if ((copy = arena_strndup(b->a, s, n)) == NULL) {
		b->err = SHEET_NOMEM;
		return;
	}
	b->cells[col] = copy;
	if (col + 1 > b->ncells)
		b->ncells = col + 1;
}

/* End the current row (numbered line); blank rows are dropped. */
static void
b_row(struct builder *b, int line)
{
	struct sheet_row *r;
	size_t i;

	if (b->err != SHEET_OK || b->ncells == 0) {
		b->ncells = 0;
		return;
	}
	if (b->nrows >= b->max_rows + 1) {   /* the header and max_rows rows */
		b->err = SHEET_TOO_BIG;
		return;
	}
	if (b->nrows == b->caprows) {
		size_t nc = b->caprows ? b->caprows * 2 : 64;
		struct sheet_row *nr = realloc(b->rows, nc * sizeof(*nr));
		if (nr == NULL) {
			b->err = SHEET_NOMEM;
			return;
		}
		b->rows = nr;
		b->caprows = nc;
	}
	r = &b->rows[b->nrows];
	r->line = line;
	r->ncells = b->ncells;
	r->cells = arena_alloc(b->a, b->ncells * sizeof(*r->cells));
	if (r->cells == NULL) {
		b->err = SHEET_NOMEM;
		return;
	}
	for (i = 0; i < b->ncells; i++) {
		r->cells[i] = b->cells[i] != NULL ? b->cells[i] : "";
		b->cells[i] = NULL;
	}
	b->ncells = 0;
	b->nrows++;
}

static enum sheet_result
b_finish(struct builder *b, struct sheet *out)
{
	enum sheet_result r = b->err;

	if (r == SHEET_OK && b->nrows == 0)
		r = SHEET_EMPTY;
	if (r == SHEET_OK) {
		out->nrows = b->nrows;
		out->rows = arena_alloc(b->a, b->nrows * sizeof(*out->rows));
		if (out->rows == NULL)
			r = SHEET_NOMEM;
		else
			memcpy(out->rows, b->rows, b->nrows * sizeof(*out->rows));
	}
	b_free(b);
	return r;
}

/* ---------------------------------------------------------------- CSV */

/* Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF, no NUL). */
static int
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;
		uint32_t cp;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3; cp = c & 0x07;
		} else
			return 0;
		if (n - i - 1 < k)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += k + 1;
	}
	return 1;
}

/*
 * GB18030 (or UTF-16LE/BE: from) to UTF-8 into the arena; NULL when the
 * bytes are not in that encoding.
 */
static char *
to_utf8(arena *a, const char *in, size_t n, const char *from, size_t *outlen,
    enum sheet_result *err)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *out, *ip = (char *)in, *op;
	size_t il = n, ol, cap;

	if (cd == (iconv_t)-1) {
		*err = SHEET_IO;
		return NULL;
	}
	cap = n * 2 + 4;   /* a GB18030 or UTF-16 character never grows more than 2x */
	if ((out = arena_alloc(a, cap)) == NULL) {
		iconv_close(cd);
		*err = SHEET_NOMEM;
		return NULL;
	}
	op = out;
	ol = cap;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		iconv_close(cd);
		*err = SHEET_BAD_ENCODING;
		return NULL;
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	if (memchr(out, '\0', *outlen) != NULL || !valid_utf8((unsigned char *)out, *outlen)) {
		*err = SHEET_BAD_ENCODING;
		return NULL;
	}
	return out;
}

struct csvstate {
	struct builder *b;
	size_t col;
	int line;   /* records seen, which is the row Excel shows */
};

static void
csv_field(void *s, size_t n, void *data)
{
	struct csvstate *st = data;

	b_cell(st->b, st->col, s != NULL ? s : "", s != NULL ? n : 0);
	st->col++;
}

static void
csv_record(int c, void *data)
{
	struct csvstate *st = data;

	(void)c;
	st->line++;
	b_row(st->b, st->line);
	st->col = 0;
}

static enum sheet_result
read_csv(arena *a, const char *data, size_t len, size_t max_rows, size_t max_cols,
    struct sheet *out)
{
	struct builder b;
	struct csvstate st;
	struct csv_parser p;
	enum sheet_result err = SHEET_OK;
	const char *text = data;
	size_t tlen = len;

	if (len > SHEET_MAX_FILE)
		return SHEET_TOO_BIG;
	if (tlen >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		tlen -= 3;
	}
	if (len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 || memcmp(data, "\xfe\xff", 2) == 0)) {
		/* UTF-16 with its BOM: Excel's and WPS's "Unicode text" (tab-separated). */
		const char *from = data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";
		if ((text = to_utf8(a, data + 2, len - 2, from, &tlen, &err)) == NULL)
			return err;
		out->encoding = "UTF-16";
	} else if (valid_utf8((const unsigned char *)text, tlen)) {
		out->encoding = "UTF-8";
	} else {
		if ((text = to_utf8(a, data, len, "GB18030", &tlen, &err)) == NULL)
			return err;
		out->encoding = "GB18030";
	}
	out->format = "csv";
	if (b_init(&b, a, max_rows, max_cols) != 0) {
		b_free(&b);
		return SHEET_NOMEM;
	}
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		b_free(&b);
		return SHEET_NOMEM;
	}
	csv_set_blk_size(&p, 4096);
	/* Tab-separated when the first line has tabs and no commas (Unicode text). */
	{
		size_t eol = 0;
		while (eol < tlen && text[eol] != '\r' && text[eol] != '\n')
			eol++;
		if (memchr(text, '\t', eol) != NULL && memchr(text, ',', eol) == NULL)
			csv_set_delim(&p, '\t');
	}
	memset(&st, 0, sizeof(st));
	st.b = &b;
	/* feed in chunks so a refusal stops early */
	for (size_t off = 0; off < tlen && b.err == SHEET_OK; off += 65536) {
		size_t n = tlen - off < 65536 ? tlen - off : 65536;
		if (csv_parse(&p, text + off, n, csv_field, csv_record, &st) != n) {
			if (b.err == SHEET_OK)
				b.err = csv_error(&p) == CSV_ENOMEM ? SHEET_NOMEM :
				    csv_error(&p) == CSV_ETOOBIG ? SHEET_TOO_BIG : SHEET_BAD_FORMAT;
		}
	}
	if (b.err == SHEET_OK)
		csv_fini(&p, csv_field, csv_record, &st);
	csv_free(&p);
	return b_finish(&b, out);
}

/* ---------------------------------------------------------------- xlsx */

/* Read one part of the zip (NUL-terminated, malloc) with a cap. */
static enum sheet_result
zip_part(zip_t *z, const char *name, size_t cap, char **data, size_t *len)
{
	zip_stat_t zs;
	zip_file_t *f;
	char *buf;
	size_t got = 0;

	*data = NULL;
	*len = 0;
	zip_stat_init(&zs);
	if (zip_stat(z, name, 0, &zs) != 0)
		return SHEET_BAD_FORMAT;
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > cap)
		return SHEET_TOO_BIG;
	if ((f = zip_fopen(z, name, 0)) == NULL)
		return SHEET_BAD_FORMAT;
	/* the declared size may lie: read at most cap + 1 bytes */
	if ((buf = malloc(cap + 2)) == NULL) {
		zip_fclose(f);
		return SHEET_NOMEM;
	}
	for (;;) {
		zip_int64_t n = zip_fread(f, buf + got, cap + 1 - got);
		if (n < 0) {
			zip_fclose(f);
			free(buf);
			return SHEET_BAD_FORMAT;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > cap) {
			zip_fclose(f);
			free(buf);
			return SHEET_TOO_BIG;
		}
	}
	zip_fclose(f);
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return SHEET_OK;
}

/*
 * Whether the bytes declare a DTD or an entity: "<!DOCTYPE" or "<!ENTITY",
 * in any case. Neither can appear in an xlsx part's markup otherwise (in
 * text "<" is written "&lt;"), so this is cheap and certain for the UTF-8
 * parts Excel writes; other encodings are caught by the parser below.
 */
static int
declares_dtd(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		size_t left = (size_t)(end - p);
		if ((left >= 9 && strncasecmp(p, "<!DOCTYPE", 9) == 0) ||
		    (left >= 8 && strncasecmp(p, "<!ENTITY", 8) == 0))
			return 1;
		p++;
	}
	return 0;
}

/* SAX: a document type declaration stops the parser before its subset is read. */
static void
refuse_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)external_id;
	(void)system_id;
	if (ctxt->_private != NULL)
		*(int *)ctxt->_private = 1;
	xmlStopParser(ctxt);
}

/*
 * Parse one part: no network, no entity substitution, no DTD loading, no
 * huge-document relaxation. Returns SHEET_OK with *doc, SHEET_DTD,
 * SHEET_BAD_FORMAT or SHEET_NOMEM.
 */
static enum sheet_result
parse_xml(const char *data, size_t len, xmlDocPtr *doc)
{
	xmlParserCtxtPtr ctxt;
	int dtd = 0;

	*doc = NULL;
	if (len > INT32_MAX)
		return SHEET_TOO_BIG;
	if (declares_dtd(data, len))
		return SHEET_DTD;
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return SHEET_NOMEM;
	ctxt->_private = &dtd;
	ctxt->sax->internalSubset = refuse_subset;
	ctxt->sax->externalSubset = refuse_subset;
	*doc = xmlCtxtReadMemory(ctxt, data, (int)len, "part.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlFreeParserCtxt(ctxt);
	if (*doc != NULL && ((*doc)->intSubset != NULL || (*doc)->extSubset != NULL))
		dtd = 1;
	if (*doc != NULL && (dtd || xmlDocGetRootElement(*doc) == NULL)) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	if (*doc == NULL)
		return dtd ? SHEET_DTD : SHEET_BAD_FORMAT;
	return SHEET_OK;
}

/* Read a part of the zip and parse it (see zip_part and parse_xml). */
static enum sheet_result
zip_xml(zip_t *z, const char *name, size_t cap, xmlDocPtr *doc)
{
	char *data;
	size_t len;
	enum sheet_result r;

	*doc = NULL;
	if ((r = zip_part(z, name, cap, &data, &len)) != SHEET_OK)
		return r;
	r = parse_xml(data, len, doc);
	free(data);
	return r;
}

static int
is_el(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr
first_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/*
 * The text of one cell, read from text and CDATA nodes only: an entity
 * reference is never expanded (without a DTD there are none to meet), and
 * no more than twice a cell's limit is ever copied (more is SHEET_TOO_BIG).
 */
struct celltext {
	size_t len;
	int over;     /* more text than fits */
	int entity;   /* an entity reference node was met */
	char buf[SHEET_MAX_CELL * 2 + 1];
};

static void
ct_reset(struct celltext *ct)
{
	ct->len = 0;
	ct->over = 0;
	ct->entity = 0;
	ct->buf[0] = '\0';
}

/* Append the text and CDATA children of n. */
static void
ct_add(struct celltext *ct, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		size_t k, room;

		if (c->type == XML_ENTITY_REF_NODE || c->type == XML_ENTITY_NODE) {
			ct->entity = 1;
			continue;
		}
		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) ||
		    c->content == NULL)
			continue;
		k = strlen((const char *)c->content);
		room = sizeof(ct->buf) - 1 - ct->len;
		if (k > room) {
			ct->over = 1;
			k = room;
		}
		memcpy(ct->buf + ct->len, c->content, k);
		ct->len += k;
		ct->buf[ct->len] = '\0';
	}
}

/* The result of a cell's text: SHEET_OK, SHEET_TOO_BIG or SHEET_BAD_FORMAT. */
static enum sheet_result
ct_result(const struct celltext *ct)
{
	return ct->entity ? SHEET_BAD_FORMAT : ct->over ? SHEET_TOO_BIG : SHEET_OK;
}

/* Text of the <t> elements under n, not those of phonetic runs (rPh). */
static void
collect_t(xmlNodePtr n, struct celltext *ct)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ENTITY_REF_NODE)
			ct->entity = 1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "rPh"))
			continue;
		if (is_el(c, "t"))
			ct_add(ct, c);
		else
			collect_t(c, ct);
	}
}

#define SHEET_MAX_SHEETS 16   /* worksheets read from one workbook */

/* A worksheet of the workbook: its name and its part. */
struct sheet_ref {
	char *name, *path;
};

/*
 * The workbook's worksheets in order (at most SHEET_MAX_SHEETS) into
 * refs[0..*n): their names from workbook.xml, their parts from its rels;
 * "xl/worksheets/sheet1.xml" alone when unsure. SHEET_OK, SHEET_DTD
 * (workbook.xml or its rels declare one) or SHEET_NOMEM.
 */
static enum sheet_result
sheet_paths(arena *a, zip_t *z, struct sheet_ref *refs, size_t *n)
{
	char *rids[SHEET_MAX_SHEETS];
	xmlDocPtr doc;
	xmlNodePtr el;
	enum sheet_result r;
	size_t k = 0;

	*n = 0;
	if ((r = zip_xml(z, "xl/workbook.xml", SHEET_MAX_SMALL, &doc)) == SHEET_OK) {
		el = first_child(xmlDocGetRootElement(doc), "sheets");
		for (el = el != NULL ? el->children : NULL; el != NULL && k < SHEET_MAX_SHEETS; el = el->next) {
			xmlChar *v, *name;
			if (!is_el(el, "sheet"))
				continue;
			v = xmlGetNsProp(el, BAD_CAST "id", BAD_CAST
			    "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
			name = xmlGetProp(el, BAD_CAST "name");
			if (v != NULL) {
				rids[k] = arena_strdup(a, (char *)v);
				refs[k].name = arena_strdup(a, name != NULL ? (char *)name : "");
				refs[k].path = NULL;
				if (rids[k] == NULL || refs[k].name == NULL) {
					xmlFree(v);
					xmlFree(name);
					xmlFreeDoc(doc);
					return SHEET_NOMEM;
				}
				k++;
			}
			xmlFree(v);
			xmlFree(name);
		}
		xmlFreeDoc(doc);
	} else if (r == SHEET_DTD || r == SHEET_NOMEM)
		return r;
	if (k > 0) {
		if ((r = zip_xml(z, "xl/_rels/workbook.xml.rels", SHEET_MAX_SMALL, &doc)) == SHEET_OK) {
			for (el = xmlDocGetRootElement(doc)->children; el != NULL; el = el->next) {
				xmlChar *id, *t;
				if (!is_el(el, "Relationship"))
					continue;
				id = xmlGetProp(el, BAD_CAST "Id");
				t = xmlGetProp(el, BAD_CAST "Target");
				for (size_t i = 0; id != NULL && t != NULL && i < k; i++)
					if (refs[i].path == NULL && strcmp((char *)id, rids[i]) == 0 &&
					    strstr((char *)t, "..") == NULL)
						refs[i].path = t[0] == '/' ? arena_strdup(a, (char *)t + 1) :
						    arena_printf(a, "xl/%s", (char *)t);
				xmlFree(id);
				xmlFree(t);
			}
			xmlFreeDoc(doc);
		} else if (r == SHEET_DTD || r == SHEET_NOMEM)
			return r;
	}
	/* Those whose part is unknown are left out. */
	for (size_t i = 0; i < k; i++)
		if (refs[i].path != NULL)
			refs[(*n)++] = refs[i];
	if (*n == 0) {
		refs[0].name = arena_strdup(a, "");
		refs[0].path = arena_strdup(a, "xl/worksheets/sheet1.xml");
		if (refs[0].name == NULL || refs[0].path == NULL)
			return SHEET_NOMEM;
		*n = 1;
	}
	return SHEET_OK;
}

struct strings {
	size_t n;
	char **s;   /* too_long for a string longer than a cell may be */
};

/* The shared strings from sharedStrings.xml's bytes. */
static enum sheet_result
shared_from_bytes(arena *a, const char *data, size_t len, struct strings *ss)
{
	size_t cap = 0;
	enum sheet_result r;
	xmlDocPtr doc;
	struct celltext *ct;

	ss->n = 0;
	ss->s = NULL;
	if ((r = parse_xml(data, len, &doc)) != SHEET_OK)
		return r;
	if ((ct = malloc(sizeof(*ct))) == NULL) {
		xmlFreeDoc(doc);
		return SHEET_NOMEM;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (!is_el(n, "si"))
			continue;
		if (ss->n >= SHEET_MAX_STRINGS) {
			r = SHEET_TOO_BIG;
			break;
		}
		if (ss->n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			char **ns = arena_alloc(a, nc * sizeof(*ns));
			if (ns == NULL) {
				r = SHEET_NOMEM;
				break;
			}
			if (ss->n)
				memcpy(ns, ss->s, ss->n * sizeof(*ns));
			ss->s = ns;
			cap = nc;
		}
		ct_reset(ct);
		collect_t(n, ct);
		if (ct->entity) {
			r = SHEET_BAD_FORMAT;
			break;
		}
		ss->s[ss->n] = ct->over ? too_long : arena_strndup(a, ct->buf, ct->len);
		if (ss->s[ss->n] == NULL) {
			r = SHEET_NOMEM;
			break;
		}
		ss->n++;
	}
	free(ct);
	xmlFreeDoc(doc);
	return r;
}

static enum sheet_result
read_shared(arena *a, zip_t *z, struct strings *ss)
{
	char *data;
	size_t len;
	enum sheet_result r;

	ss->n = 0;
	ss->s = NULL;
	if (zip_name_locate(z, "xl/sharedStrings.xml", 0) < 0)
		return SHEET_OK;   /* a workbook with no strings has none */
	if ((r = zip_part(z, "xl/sharedStrings.xml", SHEET_MAX_PART, &data, &len)) != SHEET_OK)
		return r;
	r = shared_from_bytes(a, data, len, ss);
	free(data);
	return r;
}

/* "C7" -> column 2 (0-based), row 7; returns -1 when there are no letters. */
static long
ref_col(const char *ref)
{
	long col = 0;
	int k = 0;

	if (ref == NULL)
		return -1;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, k++) {
		col = col * 26 + (*ref - 'A' + 1);
		if (col > 16384)
			return 16384;
	}
	return k == 0 ? -1 : col - 1;
}

/* A number as Excel shows it in a cell of General format (see the top). */
static char *
format_number(arena *a, const char *v)
{
	char *end;
	double d;
	const char *p = v;
	int digits = 0, plain = 1;

	if (*p == '-')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else
			plain = 0;
	}
	if (plain && digits > 0 && digits <= 15)
		return arena_strdup(a, v);
	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || errno != 0 || !isfinite(d))
		return arena_strdup(a, v);
	if (d == floor(d) && fabs(d) < 1e15)
		return arena_printf(a, "%.0f", d);
	if (d == floor(d))   /* rounded by Excel already: shown, not guessed */
		return arena_printf(a, "%.14E", d);
	return arena_printf(a, "%.15g", d);
}

/* Which cell styles (cellXfs indexes) show a date: numbers there are dates. */
struct styles {
	size_t n;
	unsigned char *date;
};

/* A number format that shows a date: Excel's built-in date ones, or a code with y or d in it. */
static int
date_format(long id, const char *code)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return 1;
	if (code == NULL)
		return 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {                 /* quoted text */
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '[') {          /* [Red], [$-804] */
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D')
			return 1;
	}
	return 0;
}

/* xl/styles.xml's cellXfs (absent: no dates). SHEET_OK, SHEET_DTD, SHEET_NOMEM. */
static enum sheet_result
read_styles(arena *a, zip_t *z, struct styles *st)
{
	xmlDocPtr doc;
	xmlNodePtr root, fmts, xfs;
	enum sheet_result r;
	size_t k = 0;

	memset(st, 0, sizeof(*st));
	if ((r = zip_xml(z, "xl/styles.xml", SHEET_MAX_SMALL, &doc)) != SHEET_OK)
		return r == SHEET_DTD || r == SHEET_NOMEM ? r : SHEET_OK;
	root = xmlDocGetRootElement(doc);
	fmts = first_child(root, "numFmts");
	xfs = first_child(root, "cellXfs");
	for (xmlNodePtr x = xfs != NULL ? xfs->children : NULL; x != NULL; x = x->next)
		k += is_el(x, "xf");
	if (k > 0 && k < 65536 && (st->date = arena_alloc(a, k)) != NULL) {
		st->n = k;
		k = 0;
		for (xmlNodePtr x = xfs->children; x != NULL; x = x->next) {
			xmlChar *idv;
			long id = 0;
			const char *code = NULL;
			xmlChar *found = NULL;
			if (!is_el(x, "xf"))
				continue;
			if ((idv = xmlGetProp(x, BAD_CAST "numFmtId")) != NULL) {
				id = strtol((char *)idv, NULL, 10);
				xmlFree(idv);
			}
			for (xmlNodePtr f = fmts != NULL ? fmts->children : NULL; f != NULL && id >= 164;
			    f = f->next) {
				xmlChar *fid;
				if (!is_el(f, "numFmt") || (fid = xmlGetProp(f, BAD_CAST "numFmtId")) == NULL)
					continue;
				if (strtol((char *)fid, NULL, 10) == id)
					found = xmlGetProp(f, BAD_CAST "formatCode");
				xmlFree(fid);
				if (found != NULL)
					break;
			}
			code = (const char *)found;
			st->date[k++] = (unsigned char)date_format(id, code);
			xmlFree(found);
		}
	} else if (k > 0 && st->date == NULL) {
		xmlFreeDoc(doc);
		return SHEET_NOMEM;
	}
	xmlFreeDoc(doc);
	return SHEET_OK;
}

/* An Excel date serial (days since 1899-12-30, the 1900 system) as YYYY-MM-DD; NULL if absurd. */
static char *
serial_date(arena *a, const char *v)
{
	char *end;
	double d = strtod(v, &end);
	long long z, era, doe, yoe, y, doy, mp, dd, m;

	if (end == v || *end != '\0' || !isfinite(d) || d < 61 || d > 2958465)
		return NULL;   /* before 1900-03-01 (Excel's false 1900-02-29) or after 9999 */
	/* days since 1970-01-01, then the civil date (Howard Hinnant's algorithm) */
	z = (long long)floor(d) - 25569 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	return arena_printf(a, "%04lld-%02lld-%02lld", y, m, dd);
}

/* The rows of a worksheet's bytes, its shared strings read already. */
static enum sheet_result
sheet_from_bytes(arena *a, const struct strings *ss, const struct styles *sty, const char *data,
    size_t len, size_t max_rows, size_t max_cols, struct sheet *out)
{
	struct builder b;
	enum sheet_result r;
	xmlDocPtr doc;
	xmlNodePtr sd;
	struct celltext *ct;
	long lastrow = 0;

	out->format = "xlsx";
	out->encoding = "xlsx";
	if ((r = parse_xml(data, len, &doc)) != SHEET_OK)
		return r;
	if ((ct = malloc(sizeof(*ct))) == NULL || b_init(&b, a, max_rows, max_cols) != 0) {
		if (ct != NULL)
			b_free(&b);
		free(ct);
		xmlFreeDoc(doc);
		return SHEET_NOMEM;
	}
	sd = first_child(xmlDocGetRootElement(doc), "sheetData");
	if (sd == NULL)
		b.err = SHEET_BAD_FORMAT;
	for (xmlNodePtr row = sd != NULL ? sd->children : NULL;
	    row != NULL && b.err == SHEET_OK; row = row->next) {
		xmlChar *rn;
		long rownum, col = -1;

		if (!is_el(row, "row"))
			continue;
		rownum = lastrow + 1;
		if ((rn = xmlGetProp(row, BAD_CAST "r")) != NULL) {
			char *end;
			long v = strtol((char *)rn, &end, 10);
			if (*end == '\0' && v > lastrow && v <= SHEET_MAX_ROWNUM)
				rownum = v;
			else
				b.err = SHEET_BAD_FORMAT;
			xmlFree(rn);
		}
		if (rownum > SHEET_MAX_ROWNUM)
			b.err = SHEET_BAD_FORMAT;
		lastrow = rownum;
		for (xmlNodePtr c = row->children; c != NULL && b.err == SHEET_OK; c = c->next) {
			xmlChar *ref, *t;
			const char *text = NULL, *v;
			char *num = NULL;
			long rc;
			xmlNodePtr vn;

			if (!is_el(c, "c"))
				continue;
			ref = xmlGetProp(c, BAD_CAST "r");
			rc = ref_col((char *)ref);
			xmlFree(ref);
			col = rc >= 0 && rc > col ? rc : col + 1;
			ct_reset(ct);
			t = xmlGetProp(c, BAD_CAST "t");
			if (t != NULL && strcmp((char *)t, "inlineStr") == 0) {
				xmlNodePtr is = first_child(c, "is");
				if (is != NULL) {
					collect_t(is, ct);
					if ((b.err = ct_result(ct)) == SHEET_OK)
						b_cell(&b, (size_t)col, ct->buf, ct->len);
				}
				xmlFree(t);
				continue;
			}
			if ((vn = first_child(c, "v")) == NULL) {
				xmlFree(t);
				continue;
			}
			ct_add(ct, vn);
			if ((b.err = ct_result(ct)) != SHEET_OK) {
				xmlFree(t);
				break;
			}
			v = ct->buf;
			if (t != NULL && strcmp((char *)t, "s") == 0) {
				char *end;
				long i = strtol(v, &end, 10);
				if (*v == '\0' || *end != '\0' || i < 0 || (size_t)i >= ss->n)
					b.err = SHEET_BAD_FORMAT;
				else if (ss->s[i] == too_long)
					b.err = SHEET_TOO_BIG;
				else
					text = ss->s[i];
			} else if (t == NULL || strcmp((char *)t, "n") == 0) {
				/* A number in a date style is a date: shown as YYYY-MM-DD. */
				xmlChar *sv = sty != NULL && sty->n > 0 ? xmlGetProp(c, BAD_CAST "s") : NULL;
				long si = sv != NULL ? strtol((char *)sv, NULL, 10) : -1;
				xmlFree(sv);
				if (si >= 0 && (size_t)si < sty->n && sty->date[si] &&
				    (num = serial_date(a, v)) != NULL)
					text = num;
				else if ((num = format_number(a, v)) == NULL)
					b.err = SHEET_NOMEM;
				else
					text = num;
			} else if (strcmp((char *)t, "b") == 0) {
				text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
			} else {   /* "str", "e", anything else: the text */
				text = v;
			}
			if (text != NULL && b.err == SHEET_OK)
				b_cell(&b, (size_t)col, text, strlen(text));
			xmlFree(t);
		}
		b_row(&b, (int)rownum);
	}
	free(ct);
	xmlFreeDoc(doc);
	return b_finish(&b, out);
}

enum sheet_result
sheet_read_xlsx_parts(arena *a, const char *shared, size_t shared_len,
    const char *sheet, size_t sheet_len, size_t max_rows, size_t max_cols, struct sheet *out)
{
	struct strings ss = { 0, NULL };
	enum sheet_result r;

	memset(out, 0, sizeof(*out));
	if (max_cols == 0)
		return SHEET_TOO_BIG;
	if (shared_len > SHEET_MAX_PART || sheet_len > SHEET_MAX_PART)
		return SHEET_TOO_BIG;
	if (shared != NULL && (r = shared_from_bytes(a, shared, shared_len, &ss)) != SHEET_OK)
		return r;
	return sheet_from_bytes(a, &ss, NULL, sheet != NULL ? sheet : "", sheet != NULL ? sheet_len : 0,
	    max_rows, max_cols, out);
}

static enum sheet_result
read_xlsx(arena *a, const char *data, size_t len, size_t max_rows, size_t max_cols,
    struct sheet *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	struct strings ss;
	struct sheet_ref refs[SHEET_MAX_SHEETS];
	struct styles sty;
	struct sheet *last = NULL;
	enum sheet_result r, first = SHEET_EMPTY;
	size_t nrefs, text = 0;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return SHEET_NOMEM;
	}
	if ((z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return SHEET_BAD_FORMAT;
	}
	zip_error_fini(&ze);
	/* every part is read and refused or parsed before the next is opened */
	if ((r = sheet_paths(a, z, refs, &nrefs)) != SHEET_OK || (r = read_shared(a, z, &ss)) != SHEET_OK ||
	    (r = read_styles(a, z, &sty)) != SHEET_OK) {
		zip_discard(z);
		return r;
	}
	/*
	 * Every worksheet, in the workbook's order: the first into *out, the
	 * others chained (an instructions sheet may come before the table). A
	 * worksheet with no rows is left out; any other refusal refuses the file.
	 */
	for (size_t i = 0; i < nrefs; i++) {
		struct sheet one, *into;
		char *part = NULL;
		size_t plen;
		memset(&one, 0, sizeof(one));
		if ((r = zip_part(z, refs[i].path, SHEET_MAX_PART, &part, &plen)) != SHEET_OK) {
			if (r == SHEET_BAD_FORMAT && i > 0)
				continue;   /* a chart sheet or a missing part past the first */
			zip_discard(z);
			return r;
		}
		r = sheet_from_bytes(a, &ss, &sty, part, plen, max_rows, max_cols, &one);
		free(part);
		if (r == SHEET_EMPTY)
			continue;
		if (r != SHEET_OK) {
			zip_discard(z);
			return r;
		}
		for (size_t k = 0; k < one.nrows; k++)
			for (size_t c = 0; c < one.rows[k].ncells; c++)
				text += strlen(one.rows[k].cells[c]);
		if (text > SHEET_MAX_TEXT) {
			zip_discard(z);
			return SHEET_TOO_MUCH_TEXT;
		}
		one.format = "xlsx";
		one.encoding = "xlsx";
		one.name = refs[i].name;
		if (last == NULL)
			into = out;
		else if ((into = arena_alloc(a, sizeof(*into))) == NULL) {
			zip_discard(z);
			return SHEET_NOMEM;
		}
		*into = one;
		into->next = NULL;
		if (last != NULL)
			last->next = into;
		last = into;
		first = SHEET_OK;
	}
	zip_discard(z);
	out->format = "xlsx";
	out->encoding = "xlsx";
	return first;
}

/* ----------------------------------------------------------- .xls (BIFF) */

/* The directory for the .xls reader's temporary copy: as core/config's tmp_dir. */
static const char *
tmp_dir(void)
{
	const char *d = getenv("XUESHI_TMPDIR");

	if (d == NULL || *d == '\0')
		d = getenv("TMPDIR");
	return d != NULL && *d ? d : "/tmp";
}

/*
 * The .xls guard. FreeXL 1.0.6 trusts the compound file's directory: it
 * converts each entry's name with the length the entry declares (up to
 * 65535 bytes, from a 128-byte entry: it read past its own stack buffer,
 * and the bytes would end up in a sheet's name), and it allocates a
 * stream's declared size before following its chain of sectors, then
 * forgets the buffer when the chain leaves the file (a leak per upload).
 * fuzz_sheet_xls found both. So the directory is checked here first, found
 * as FreeXL finds it: the FAT sectors the header lists (109 at most: a file
 * needing more, over 7 MB, is refused), then the directory's chain; each
 * entry's name at most 64 bytes as the format says, and the root's and
 * every large stream's chain inside the file and long enough for its size.
 */
struct cfb {
	const unsigned char *d;
	size_t len, ssize, nsect, nfat;
	size_t budget;   /* chain steps left: in a sound file each sector is in one chain */
};

#define CFB_END 0xFFFFFFFEu   /* ENDOFCHAIN */
#define CFB_LE16(p) ((uint32_t)(p)[0] | (uint32_t)(p)[1] << 8)
#define CFB_LE32(p) (CFB_LE16(p) | (uint32_t)(p)[2] << 16 | (uint32_t)(p)[3] << 24)

/* The sector after sect in its chain into *next; 0 when sect or its FAT sector is outside the file. */
static int
cfb_next(const struct cfb *f, uint32_t sect, uint32_t *next)
{
	size_t per = f->ssize / 4, fat_sect;

	if (sect >= f->nsect || sect / per >= f->nfat)
		return 0;
	fat_sect = CFB_LE32(f->d + 0x4C + 4 * (sect / per));
	if (fat_sect >= f->nsect)
		return 0;
	*next = CFB_LE32(f->d + (fat_sect + 1) * f->ssize + 4 * (sect % per));
	return 1;
}

/*
 * Whether the chain from start holds size bytes inside the file. The steps
 * of all chains together are bounded by the file's sectors, which also
 * ends a loop: entries that all name one long chain cost no more than it.
 */
static int
cfb_chain_ok(struct cfb *f, uint32_t start, uint64_t size)
{
	uint64_t have = 0;

	if (size > f->len)
		return 0;
	for (uint32_t sect = start; have < size; f->budget--) {
		if (f->budget == 0 || !cfb_next(f, sect, &sect))
			return 0;
		have += f->ssize;
	}
	return 1;
}

/* 1: FreeXL may read the file (and decide on the rest); 0: refused. */
static int
xls_directory_ok(const unsigned char *d, size_t len)
{
	struct cfb f;
	unsigned shift;
	uint32_t sect;
	size_t steps = 0;

	if (len < 512)
		return 0;
	shift = CFB_LE16(d + 0x1E);
	if (shift != 9 && shift != 12)
		return 0;
	f.d = d;
	f.len = len;
	f.ssize = (size_t)1 << shift;
	if (len < 2 * f.ssize)
		return 0;
	f.nsect = (len - f.ssize) / f.ssize;   /* sector n starts at (n + 1) * ssize */
	f.nfat = CFB_LE32(d + 0x2C);
	f.budget = f.nsect;
	if (f.nfat > 109)
		return 0;
	for (sect = CFB_LE32(d + 0x30); sect != CFB_END; steps++) {
		const unsigned char *p;
		if (sect >= f.nsect || steps > f.nsect)
			return 0;   /* out of the file, or a loop */
		p = d + ((size_t)sect + 1) * f.ssize;
		for (size_t e = 0; e + 128 <= f.ssize; e += 128) {
			const unsigned char *ent = p + e;
			unsigned type = ent[0x42];
			uint32_t size = CFB_LE32(ent + 0x78);
			if (CFB_LE16(ent + 0x40) > 64)
				return 0;
			/* the root (5) holds the small streams; a stream (2) of 4096 bytes or more is in sectors */
			if ((type == 5 || (type == 2 && size >= 4096)) &&
			    !cfb_chain_ok(&f, CFB_LE32(ent + 0x74), size))
				return 0;
		}
		if (!cfb_next(&f, sect, &sect))
			return 0;
	}
	return 1;
}

#undef CFB_LE16
#undef CFB_LE32

/* A FreeXL cell as Excel shows it: text, a number in General format, a date YYYY-MM-DD. */
static const char *
xls_cell(arena *a, const FreeXL_CellValue *v)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		return arena_printf(a, "%d", v->value.int_value);
	case FREEXL_CELL_DOUBLE: {
		char buf[64];
		snprintf(buf, sizeof(buf), "%.17g", v->value.double_value);
		return format_number(a, buf);
	}
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		return v->value.text_value != NULL ? v->value.text_value : "";
	default:
		return "";
	}
}

/*
 * An old binary workbook (.xls, and WPS's .et/.ett saved as one) through
 * libfreexl, which reads from a file: the bytes go to a private temporary
 * file first. Every worksheet, chained as read_xlsx does.
 */
static enum sheet_result
read_xls(arena *a, const char *data, size_t len, size_t max_rows, size_t max_cols,
    struct sheet *out)
{
	char path[4096];
	const void *h = NULL;
	unsigned int nsheets = 0;
	struct sheet *last = NULL;
	enum sheet_result r = SHEET_EMPTY;
	size_t text = 0;
	int fd;

	if (!xls_directory_ok((const unsigned char *)data, len))
		return SHEET_BAD_FORMAT;
	snprintf(path, sizeof(path), "%s/xueshi-xls-XX" "XX" "XX", tmp_dir());
	if ((fd = mkstemp(path)) < 0)
		return SHEET_IO;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return SHEET_IO;
	}
	close(fd);
	if (freexl_open(path, &h) != FREEXL_OK) {
		unlink(path);
		if (h != NULL)
			freexl_close(h);
		return SHEET_BAD_FORMAT;
	}
	unlink(path);   /* open: the name is not needed any more */
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK) {
		freexl_close(h);
		return SHEET_BAD_FORMAT;
	}
	for (unsigned int i = 0; i < nsheets && i < SHEET_MAX_SHEETS; i++) {
		struct builder b;
		struct sheet one, *into;
		unsigned int rows = 0;
		unsigned short cols = 0;
		const char *name = NULL;
		enum sheet_result br;
		if (freexl_select_active_worksheet(h, (unsigned short)i) != FREEXL_OK ||
		    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
			freexl_close(h);
			return SHEET_BAD_FORMAT;
		}
		if (rows > max_rows + 64 || (size_t)cols > max_cols + 64) {
			freexl_close(h);
			return SHEET_TOO_BIG;
		}
		if (b_init(&b, a, max_rows, max_cols) != 0) {
			b_free(&b);
			freexl_close(h);
			return SHEET_NOMEM;
		}
		for (unsigned int row = 0; row < rows && b.err == SHEET_OK; row++) {
			for (unsigned short col = 0; col < cols && b.err == SHEET_OK; col++) {
				FreeXL_CellValue v;
				const char *t;
				if (freexl_get_cell_value(h, row, col, &v) != FREEXL_OK) {
					b.err = SHEET_BAD_FORMAT;
					break;
				}
				if ((t = xls_cell(a, &v)) == NULL) {
					b.err = SHEET_NOMEM;
					break;
				}
				text += strlen(t);
				if (text > SHEET_MAX_TEXT)
					b.err = SHEET_TOO_MUCH_TEXT;
				else if (*t)
					b_cell(&b, col, t, strlen(t));
			}
			if (b.err == SHEET_OK)
				b_row(&b, (int)row + 1);
		}
		memset(&one, 0, sizeof(one));
		br = b_finish(&b, &one);
		if (br == SHEET_EMPTY)
			continue;
		if (br != SHEET_OK) {
			freexl_close(h);
			return br;
		}
		if (freexl_get_worksheet_name(h, (unsigned short)i, &name) != FREEXL_OK || name == NULL)
			name = "";
		one.format = "xls";
		one.encoding = "xls";
		one.name = arena_strdup(a, name);
		if (last == NULL)
			into = out;
		else if ((into = arena_alloc(a, sizeof(*into))) == NULL) {
			freexl_close(h);
			return SHEET_NOMEM;
		}
		*into = one;
		into->next = NULL;
		if (last != NULL)
			last->next = into;
		last = into;
		r = SHEET_OK;
	}
	freexl_close(h);
	out->format = "xls";
	out->encoding = "xls";
	return r;
}

/* ---------------------------------------------------------------- entry */

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = s != NULL ? strlen(s) : 0, k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

enum sheet_result
sheet_read_mem(arena *a, const void *data, size_t len, const char *filename,
    size_t max_rows, size_t max_cols, struct sheet *out)
{
	memset(out, 0, sizeof(*out));
	if (data == NULL || len == 0)
		return SHEET_EMPTY;
	if (max_cols == 0)
		return SHEET_TOO_BIG;
	/* By content, not by name: WPS's .et and .ett are one or the other inside. */
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return read_xlsx(a, data, len, max_rows, max_cols, out);
	if (len >= 8 && memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		if (len > SHEET_MAX_FILE)
			return SHEET_TOO_BIG;
		return read_xls(a, data, len, max_rows, max_cols, out);
	}
	if (ends_with(filename, ".xlsx") || ends_with(filename, ".xls") ||
	    ends_with(filename, ".et") || ends_with(filename, ".ett"))
		return SHEET_BAD_FORMAT;
	return read_csv(a, data, len, max_rows, max_cols, out);
}

enum sheet_result
sheet_read(arena *a, const char *path, const char *filename,
    size_t max_rows, size_t max_cols, struct sheet *out)
{
	FILE *f;
	char *buf;
	long size;
	size_t got;
	enum sheet_result r;

	memset(out, 0, sizeof(*out));
	if ((f = fopen(path, "rb")) == NULL)
		return SHEET_IO;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return SHEET_IO;
	}
	if ((size_t)size > SHEET_MAX_FILE) {
		fclose(f);
		return SHEET_TOO_BIG;
	}
	if ((buf = malloc((size_t)size + 1)) == NULL) {
		fclose(f);
		return SHEET_NOMEM;
	}
	got = fread(buf, 1, (size_t)size, f);
	fclose(f);
	if (got != (size_t)size) {
		free(buf);
		return SHEET_IO;
	}
	r = sheet_read_mem(a, buf, got, filename, max_rows, max_cols, out);
	free(buf);
	return r;
}

const struct sheet *
sheet_find_header(const struct sheet *s, sheet_header_fn header, void *arg, size_t *row)
{
	for (; s != NULL; s = s->next)
		for (size_t i = 0; i < s->nrows && i < SHEET_HEADER_SCAN; i++)
			if (header(&s->rows[i], arg)) {
				*row = i;
				return s;
			}
	return NULL;
}
