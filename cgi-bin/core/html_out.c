/* html_out.c - see html_out.h */
#include "html_out.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the buffer */

struct out {
	char *p;
	size_t n, cap;
	int oom;
};

/* Room for more bytes and the final NUL. */
static int
room(struct out *o, size_t more)
{
	size_t cap;
	char *p;

	if (o->oom)
		return -1;
	if (o->cap - o->n > more)
		return 0;
	cap = o->cap != 0 ? o->cap : 16384;
	while (cap - o->n <= more) {
		if (cap > SIZE_MAX / 2) {
			o->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	p = realloc(o->p, cap);
	if (p == NULL) {
		o->oom = 1;
		return -1;
	}
	o->p = p;
	o->cap = cap;
	return 0;
}

static void
put(struct out *o, const void *s, size_t n)
{
	if (n == 0 || room(o, n) < 0)
		return;
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void
puts_(struct out *o, const void *s)
{
	put(o, s, strlen(s));
}

static void
putc_(struct out *o, char c)
{
	if (room(o, 1) == 0)
		o->p[o->n++] = c;
}

/* ------------------------------------------------------------ names */

/*
 * What libxml2's HTML serializer asks of a name, remembered per name (by
 * its text: the result tree's names live in per-transformation dictionaries,
 * so an address could later name something else).
 */
enum {
	E_EMPTY = 1,   /* an empty element (br, img, input, meta, link...): no end tag */
	E_SAVEEND = 2, /* with no children written as its start tag alone */
	E_RAW = 4,     /* script, style: its text is written as it is */
	E_A = 8,       /* a: its name attribute is a URI */
	A_BOOL = 16,   /* a boolean attribute (checked, selected, defer...): its name alone */
	A_URI = 32,    /* href, action, src: the value is URI-escaped */
	A_NAME = 64    /* name */
};

#define KIND_SLOTS 256 /* a power of two */
#define KIND_NAME 16

struct kind {
	char name[KIND_NAME];
	unsigned char flags, used;
};

static struct kind kinds[2][KIND_SLOTS];

static unsigned char
element_flags(const xmlChar *name)
{
	const htmlElemDesc *d = htmlTagLookup(name);
	unsigned char f = 0;

	if (d != NULL && d->empty)
		f |= E_EMPTY;
	if (d != NULL && d->saveEndTag && strcmp(d->name, "html") != 0 && strcmp(d->name, "body") != 0)
		f |= E_SAVEEND;
	if (xmlStrcasecmp(name, BAD_CAST "script") == 0 || xmlStrcasecmp(name, BAD_CAST "style") == 0)
		f |= E_RAW;
	if (xmlStrcasecmp(name, BAD_CAST "a") == 0)
		f |= E_A;
	return f;
}

static unsigned char
attribute_flags(const xmlChar *name)
{
	unsigned char f = 0;

	if (htmlIsBooleanAttr(name))
		f |= A_BOOL;
	if (xmlStrcasecmp(name, BAD_CAST "href") == 0 || xmlStrcasecmp(name, BAD_CAST "action") == 0 ||
	    xmlStrcasecmp(name, BAD_CAST "src") == 0)
		f |= A_URI;
	if (xmlStrcasecmp(name, BAD_CAST "name") == 0)
		f |= A_NAME;
	return f;
}

static unsigned char
flags_of(int attr, const xmlChar *name)
{
	size_t len = 0;
	uint32_t h = 2166136261u;
	struct kind *t = kinds[attr];

	for (const xmlChar *p = name; *p != '\0'; p++, len++) {
		if (len + 1 >= KIND_NAME)
			return attr ? attribute_flags(name) : element_flags(name);
		h = (h ^ *p) * 16777619u;
	}
	for (int probe = 0; probe < 8; probe++) {
		struct kind *k = &t[(h + (uint32_t)probe) & (KIND_SLOTS - 1)];
		if (!k->used) {
			memcpy(k->name, name, len + 1);
			k->flags = attr ? attribute_flags(name) : element_flags(name);
			k->used = 1;
			return k->flags;
		}
		if (memcmp(k->name, name, len + 1) == 0)
			return k->flags;
	}
	return attr ? attribute_flags(name) : element_flags(name);
}

/* ------------------------------------------------------------ text */

/*
 * Text as libxml2 escapes it in an HTML document: <, > and & as entities;
 * other bytes as they are (UTF-8 stays UTF-8), but control characters other
 * than tab, newline and carriage return, which it leaves out.
 */
static void
put_escaped(struct out *o, const xmlChar *s)
{
	const xmlChar *run = s;

	for (; *s != '\0'; s++) {
		const char *rep;
		if (*s == '<')
			rep = "&lt;";
		else if (*s == '>')
			rep = "&gt;";
		else if (*s == '&')
			rep = "&amp;";
		else if (*s >= 0x20 || *s == '\n' || *s == '\t' || *s == '\r')
			continue;
		else
			rep = "";
		put(o, run, (size_t)(s - run));
		puts_(o, rep);
		run = s + 1;
	}
	put(o, run, (size_t)(s - run));
}

/* The bytes a URI attribute keeps as they are (libxml2's xmlURIEscapeStr with "@/:=?;#%&,+<>"). */
static int
uri_keeps(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("-_.!~*'()@/:=?;#%&,+<>", c) != NULL;
}

static int
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A URI attribute's value, quoted: escaped as text, leading blanks left out
 * (all blanks: ""), then every byte outside the kept set as %XX.
 */
static void
put_uri(struct out *o, const xmlChar *s)
{
	static const char hex[] = "0123456789ABCDEF";

	while (blank(*s) || (*s != '\0' && *s < 0x20))
		s++;
	putc_(o, '"');
	for (; *s != '\0'; s++) {
		char pct[3];
		if (*s == '<')
			puts_(o, "&lt;");
		else if (*s == '>')
			puts_(o, "&gt;");
		else if (*s == '&')
			puts_(o, "&amp;");
		else if (*s < 0x20 && !blank(*s))
			continue;
		else if (uri_keeps(*s))
			putc_(o, (char)*s);
		else {
			pct[0] = '%';
			pct[1] = hex[*s >> 4];
			pct[2] = hex[*s & 15];
			put(o, pct, 3);
		}
	}
	putc_(o, '"');
}

/* Text escaped (escape set) or as it is. */
static void
put_text(struct out *o, const xmlChar *s, int escape)
{
	if (escape)
		put_escaped(o, s);
	else
		puts_(o, s);
}

/*
 * A quoted value as libxml2's xmlBufWriteQuotedString quotes it: in double
 * quotes; in single quotes when it holds a double quote and no single one;
 * with &quot; for its double quotes when it holds both. The text escaped
 * when escape is set.
 */
static void
put_quoted(struct out *o, const xmlChar *s, int escape)
{
	int dq = strchr((const char *)s, '"') != NULL;
	int sq = dq && strchr((const char *)s, '\'') != NULL;
	char q = dq && !sq ? '\'' : '"';

	putc_(o, q);
	if (!sq)
		put_text(o, s, escape);
	else {
		for (const xmlChar *p = s, *run = s;; p++) {
			if (*p != '"' && *p != '\0')
				continue;
			xmlChar *part = xmlStrndup(run, (int)(p - run));
			if (part == NULL) {
				o->oom = 1;
				return;
			}
			put_text(o, part, escape);
			xmlFree(part);
			if (*p == '\0')
				break;
			puts_(o, "&quot;");
			run = p + 1;
		}
	}
	putc_(o, q);
}

static void
put_name(struct out *o, xmlNsPtr ns, const xmlChar *name)
{
	if (ns != NULL && ns->prefix != NULL) {
		puts_(o, ns->prefix);
		putc_(o, ':');
	}
	puts_(o, name);
}

/* ------------------------------------------------------------ nodes */

/* One attribute: " name", or " name=value". 0, or -1 for a value not one text node. */
static int
put_attribute(struct out *o, xmlAttrPtr a, unsigned char element)
{
	unsigned char f = flags_of(1, a->name);
	const xmlChar *v;

	putc_(o, ' ');
	put_name(o, a->ns, a->name);
	if (a->children == NULL || (f & A_BOOL))
		return 0;
	if (a->children->type != XML_TEXT_NODE || a->children->next != NULL)
		return -1;
	v = a->children->content != NULL ? a->children->content : BAD_CAST "";
	putc_(o, '=');
	if (a->ns == NULL && a->parent != NULL && a->parent->ns == NULL &&
	    ((f & A_URI) || ((f & A_NAME) && (element & E_A))))
		put_uri(o, v);
	else
		put_quoted(o, v, 1);
	return 0;
}

static int
put_start_tag(struct out *o, xmlNodePtr n, unsigned char f)
{
	putc_(o, '<');
	put_name(o, n->ns, n->name);
	for (xmlNsPtr ns = n->nsDef; ns != NULL; ns = ns->next) {
		if (ns->type != XML_LOCAL_NAMESPACE || ns->href == NULL ||
		    (ns->prefix != NULL && strcmp((const char *)ns->prefix, "xml") == 0))
			continue;
		puts_(o, " xmlns");
		if (ns->prefix != NULL) {
			putc_(o, ':');
			puts_(o, ns->prefix);
		}
		putc_(o, '=');
		put_quoted(o, ns->href, 0);
	}
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
		if (put_attribute(o, a, f) < 0)
			return -1;
	return 0;
}

static void
put_end_tag(struct out *o, xmlNodePtr n)
{
	puts_(o, "</");
	put_name(o, n->ns, n->name);
	putc_(o, '>');
}

static void
put_doctype(struct out *o, xmlDtdPtr d)
{
	puts_(o, "<!DOCTYPE ");
	puts_(o, d->name);
	if (d->ExternalID != NULL) {
		puts_(o, " PUBLIC ");
		put_quoted(o, d->ExternalID, 0);
		if (d->SystemID != NULL) {
			putc_(o, ' ');
			put_quoted(o, d->SystemID, 0);
		}
	} else if (d->SystemID != NULL && xmlStrcasecmp(d->SystemID, BAD_CAST "about:legacy-compat") != 0) {
		puts_(o, " SYSTEM ");
		put_quoted(o, d->SystemID, 0);
	}
	puts_(o, ">\n");
}

enum html_out_result
html_out(xmlDocPtr res, char **out, size_t *len)
{
	struct out o = { NULL, 0, 0, 0 };
	xmlNodePtr n;

	*out = NULL;
	*len = 0;
	if (res == NULL || res->type != XML_HTML_DOCUMENT_NODE)
		return HTML_OUT_OTHER;
	htmlSetMetaEncoding(res, BAD_CAST "UTF-8");
	if (res->intSubset != NULL && res->intSubset->name != NULL)
		put_doctype(&o, res->intSubset);
	/* The tree walked without recursion: down, along, and back up. */
	n = res->children;
	while (n != NULL && !o.oom) {
		int down = 0;
		switch (n->type) {
		case XML_ELEMENT_NODE: {
			unsigned char f = n->name != NULL ? flags_of(0, n->name) : 0;
			if (n->name == NULL || put_start_tag(&o, n, f) < 0)
				goto other;
			if (n->ns == NULL && (f & E_EMPTY))
				putc_(&o, '>');
			else if (n->children == NULL) {
				if (n->ns == NULL && (f & E_SAVEEND))
					putc_(&o, '>');
				else {
					putc_(&o, '>');
					put_end_tag(&o, n);
				}
			} else {
				putc_(&o, '>');
				down = 1;
			}
			break;
		}
		case XML_TEXT_NODE:
			if (n->content == NULL)
				break;
			if (n->name == xmlStringTextNoenc ||
			    (n->parent != NULL && n->parent->type == XML_ELEMENT_NODE && n->parent->name != NULL &&
			    (flags_of(0, n->parent->name) & E_RAW)))
				puts_(&o, n->content);
			else
				put_escaped(&o, n->content);
			break;
		case XML_COMMENT_NODE:
			if (n->content != NULL) {
				puts_(&o, "<!--");
				puts_(&o, n->content);
				puts_(&o, "-->");
			}
			break;
		case XML_DTD_NODE:
			break;
		default:
			goto other;
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == (xmlNodePtr)res)
				n = NULL;
			else
				put_end_tag(&o, n);
		}
		if (n != NULL)
			n = n->next;
	}
	putc_(&o, '\n');
	if (o.oom) {
		free(o.p);
		return HTML_OUT_NOMEM;
	}
	o.p[o.n] = '\0';
	*out = o.p;
	*len = o.n;
	return HTML_OUT_OK;
other:
	free(o.p);
	return HTML_OUT_OTHER;
}
