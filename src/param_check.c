/*
 * param_check.c
 *		Pure C validation core for program parameters (see param_check.h for
 *		the contract, the decisions taken and the error table).
 *
 * No postgres.h, no server calls, no global mutable state, no malloc of its
 * own.  Every string is read through an explicit length.  Recursion is
 * bounded by PC_MAX_DEPTH / PC_MAX_DOC_DEPTH.
 */
#include "param_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define PC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PC_PRINTF(f, a)
#endif

/* ----------------------------------------------------------------------
 * names
 * ---------------------------------------------------------------------- */

static const char *const pc_type_names[PC_TYPE_COUNT] = {
	"SingleLineText", "MultiLineText", "Address", "Contact", "Checkbox",
	"Choice", "Subdomain", "Heading", "DropDown", "Email", "DataObject",
	"Date"
};

static const char *const pc_phase_names[2] = {"Order", "Fulfillment"};

static const char *const pc_object_type_names[2] = {"Json", "Xml"};

static bool
pc_eq(const char *s, size_t n, const char *lit)
{
	size_t		l = strlen(lit);

	return s != NULL && n == l && memcmp(s, lit, l) == 0;
}

static int
pc_lookup(const char *const *names, int count, const char *s, size_t n)
{
	int			i;

	if (s == NULL)
		return -1;
	for (i = 0; i < count; i++)
		if (pc_eq(s, n, names[i]))
			return i;
	return -1;
}

int
pc_type_from_name(const char *name, size_t len)
{
	return pc_lookup(pc_type_names, PC_TYPE_COUNT, name, len);
}

int
pc_phase_from_name(const char *name, size_t len)
{
	return pc_lookup(pc_phase_names, 2, name, len);
}

int
pc_object_type_from_name(const char *name, size_t len)
{
	return pc_lookup(pc_object_type_names, 2, name, len);
}

const char *
pc_type_name(int type)
{
	return (type >= 0 && type < PC_TYPE_COUNT) ? pc_type_names[type] : NULL;
}

const char *
pc_phase_name(int phase)
{
	return (phase >= 0 && phase < 2) ? pc_phase_names[phase] : NULL;
}

const char *
pc_object_type_name(int object_type)
{
	return (object_type >= 0 && object_type < 2) ?
		pc_object_type_names[object_type] : NULL;
}

/* ----------------------------------------------------------------------
 * UTF-8
 * ---------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid. */
static size_t
pc_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t		len,
				i;
	uint32_t	v;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		len = 2;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		len = 3;
		v = c & 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		len = 4;
		v = c & 0x07;
	}
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
		v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

int
pc_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;
	uint32_t	cp;

	if (s == NULL)
		return len == 0;
	while (i < len)
	{
		size_t		l;

		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		l = pc_utf8_seq(p + i, len - i, &cp);
		if (l == 0)
			return 0;
		i += l;
	}
	return 1;
}

size_t
pc_utf8_length(const char *s, size_t len)
{
	size_t		i,
				n = 0;

	if (s == NULL)
		return 0;
	for (i = 0; i < len; i++)
		if ((((unsigned char) s[i]) & 0xC0) != 0x80)
			n++;
	return n;
}

/* ----------------------------------------------------------------------
 * errors
 * ---------------------------------------------------------------------- */

/* Cut an incomplete UTF-8 sequence left at the end of buf by truncation. */
static void
pc_fix_utf8_tail(char *buf)
{
	size_t		n = strlen(buf),
				i = n,
				back = 0,
				need;
	unsigned char lead;

	while (i > 0 && back < 4 && (((unsigned char) buf[i - 1]) & 0xC0) == 0x80)
	{
		i--;
		back++;
	}
	if (i == 0)
	{
		if (back > 0)
			buf[0] = '\0';
		return;
	}
	lead = (unsigned char) buf[i - 1];
	if (lead < 0x80)
		need = 1;
	else if (lead >= 0xF0)
		need = 4;
	else if (lead >= 0xE0)
		need = 3;
	else if (lead >= 0xC0)
		need = 2;
	else
		need = 0;
	if (need != back + 1)
		buf[i - 1] = '\0';
}

static int	pc_fail(PcError *err, const char *id, const char *fmt,...) PC_PRINTF(3, 4);

static int
pc_fail(PcError *err, const char *id, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return 1;
	snprintf(err->id, sizeof(err->id), "%s", id);
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	pc_fix_utf8_tail(err->message);
	return 1;
}

/*
 * Copy a printable snippet of s[0..n) (a key name, an option value, an
 * engine message) into dst: at most `max` bytes of input, whole code points
 * only, control characters and invalid bytes replaced by '?', "..." appended
 * when cut.  dst always NUL-terminated, valid UTF-8.
 */
static const char *
pc_snip(char *dst, size_t dstsize, const char *s, size_t n, size_t max)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0,
				o = 0;
	uint32_t	cp;

	if (dstsize == 0)
		return dst;
	if (max + 4 > dstsize)
		max = dstsize > 4 ? dstsize - 4 : 0;
	while (s != NULL && i < n)
	{
		size_t		l = pc_utf8_seq(p + i, n - i, &cp);

		if (l == 0)
		{
			l = 1;
			cp = '?';
		}
		if (o + l > max)
		{
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (cp < 0x20 || cp == 0x7F)
			dst[o++] = '?';
		else if (l == 1 && p[i] >= 0x80)
			dst[o++] = '?';
		else
		{
			memcpy(dst + o, p + i, l);
			o += l;
		}
		i += l;
	}
	dst[o] = '\0';
	return dst;
}

/* ----------------------------------------------------------------------
 * small string helpers
 * ---------------------------------------------------------------------- */

static bool
pc_json_str(const json_t *v, const char **s, size_t *n)
{
	if (v == NULL || !json_is_string(v))
		return false;
	*s = json_string_value(v);
	*n = json_string_length(v);
	return *s != NULL;
}

static bool
pc_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		c == '\f';
}

static bool
pc_blank_str(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (!pc_is_space((unsigned char) s[i]))
			return false;
	return true;
}

static bool
pc_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
pc_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

#define PC_TEXT_OK		0
#define PC_TEXT_BAD		1		/* NUL, invalid UTF-8, control character */
#define PC_TEXT_NEWLINE 2		/* LF or CR where one line is expected */

static int
pc_text_scan(const char *s, size_t n, bool single_line)
{
	size_t		i;
	bool		newline = false;

	if (!pc_utf8_valid(s, n))
		return PC_TEXT_BAD;
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 || c == '\t')
			continue;
		if (c == '\n' || c == '\r')
			newline = true;
		else
			return PC_TEXT_BAD;
	}
	return (newline && single_line) ? PC_TEXT_NEWLINE : PC_TEXT_OK;
}

static size_t
pc_sat_add(size_t a, size_t b)
{
	return (a > SIZE_MAX - b) ? SIZE_MAX : a + b;
}

/* ----------------------------------------------------------------------
 * dates
 * ---------------------------------------------------------------------- */

static int
pc_days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

int
pc_date_parse(const char *s, size_t len, int32_t *out)
{
	int			y,
				m,
				d,
				i;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !pc_is_digit((unsigned char) s[i]))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > pc_days_in_month(y, m))
		return -1;
	if (out)
		*out = (int32_t) (y * 10000 + m * 100 + d);
	return 0;
}

static const char *
pc_date_format(char *buf, size_t size, int32_t v)
{
	snprintf(buf, size, "%04d-%02d-%02d", (int) (v / 10000),
			 (int) (v / 100 % 100), (int) (v % 100));
	return buf;
}

/* ----------------------------------------------------------------------
 * DNS names and email
 * ---------------------------------------------------------------------- */

/*
 * A DNS name: labels of 1..63 [a-z0-9-] (A-Z too when allow_upper), no edge
 * hyphen, total 1..253, at least min_labels labels, last label letters only
 * (>= 2) or an "xn--" A-label.
 */
static bool
pc_dns_name(const char *s, size_t n, bool allow_upper, int min_labels)
{
	size_t		i,
				start = 0;
	int			labels = 0;

	if (s == NULL || n == 0 || n > 253)
		return false;
	for (i = 0; i <= n; i++)
	{
		if (i == n || s[i] == '.')
		{
			size_t		l = i - start;

			if (l == 0 || l > 63 || s[start] == '-' || s[i - 1] == '-')
				return false;
			labels++;
			if (i == n)
			{
				/* top-level label */
				bool		letters = true;
				size_t		j;

				for (j = start; j < n; j++)
					if (!pc_is_alpha((unsigned char) s[j]))
						letters = false;
				if (!(letters && l >= 2) &&
					!(l >= 5 && (s[start] == 'x' || s[start] == 'X') &&
					  (s[start + 1] == 'n' || s[start + 1] == 'N') &&
					  s[start + 2] == '-' && s[start + 3] == '-'))
					return false;
			}
			start = i + 1;
			continue;
		}
		{
			unsigned char c = (unsigned char) s[i];

			if ((c >= 'a' && c <= 'z') || pc_is_digit(c) || c == '-')
				continue;
			if (allow_upper && c >= 'A' && c <= 'Z')
				continue;
			return false;
		}
	}
	return labels >= min_labels;
}

static bool
pc_atext(unsigned char c)
{
	static const char specials[] = "!#$%&'*+-/=?^_`{|}~";

	if (pc_is_alpha(c) || pc_is_digit(c))
		return true;
	return c != 0 && memchr(specials, c, sizeof(specials) - 1) != NULL;
}

int
pc_email_valid(const char *s, size_t len)
{
	size_t		i,
				at = SIZE_MAX;

	if (s == NULL || len < 6 || len > 254)	/* a@b.cd is the shortest */
		return 0;
	for (i = 0; i < len; i++)
	{
		if (s[i] == '@')
		{
			if (at != SIZE_MAX)
				return 0;
			at = i;
		}
	}
	if (at == SIZE_MAX || at == 0 || at > 64 || len - at - 1 > 255)
		return 0;
	for (i = 0; i < at; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '.')
		{
			if (i == 0 || i == at - 1 || s[i - 1] == '.')
				return 0;
		}
		else if (!pc_atext(c))
			return 0;
	}
	return pc_dns_name(s + at + 1, len - at - 1, true, 2) ? 1 : 0;
}

/* ----------------------------------------------------------------------
 * tree walk: size, depth, characters
 * ---------------------------------------------------------------------- */

typedef struct PcWalk
{
	size_t		size;			/* compact serialisation so far */
	size_t		limit;			/* stop counting above this */
	int			maxdepth;		/* container nesting allowed */
	bool		measure;		/* count size and scan strings */
	bool		too_deep;
	bool		bad_chars;		/* NUL or invalid UTF-8 in a string/key */
} PcWalk;

static void
pc_walk_string(const char *s, size_t n, PcWalk *w)
{
	size_t		i,
				add = 2;

	if (!w->measure)
		return;
	if (s == NULL || memchr(s, '\0', n) != NULL || !pc_utf8_valid(s, n))
		w->bad_chars = true;
	for (i = 0; s != NULL && i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' ||
			c == '\r' || c == '\t')
			add += 2;
		else if (c < 0x20)
			add += 6;
		else
			add += 1;
		if (add > w->limit)
			break;
	}
	w->size = pc_sat_add(w->size, add);
}

static size_t
pc_key_len(void *iter, const char *key)
{
#if defined(JANSSON_VERSION_HEX) && JANSSON_VERSION_HEX >= 0x020e00
	(void) key;
	return json_object_iter_key_len(iter);
#else
	(void) iter;
	return strlen(key);
#endif
}

static void
pc_walk(const json_t *v, int depth, PcWalk *w)
{
	char		buf[64];
	int			len;

	if (w->too_deep || (w->measure && w->size > w->limit))
		return;
	if (v == NULL)
	{
		w->size = pc_sat_add(w->size, 4);
		return;
	}
	switch (json_typeof(v))
	{
		case JSON_OBJECT:
			{
				void	   *it;
				size_t		n = json_object_size(v);

				if (depth >= w->maxdepth)
				{
					w->too_deep = true;
					return;
				}
				if (w->measure)
					w->size = pc_sat_add(w->size, 2 + (n ? n - 1 : 0));
				it = json_object_iter((json_t *) v);
				while (it != NULL && !w->too_deep &&
					   !(w->measure && w->size > w->limit))
				{
					const char *k = json_object_iter_key(it);

					pc_walk_string(k, pc_key_len(it, k), w);
					if (w->measure)
						w->size = pc_sat_add(w->size, 1);
					pc_walk(json_object_iter_value(it), depth + 1, w);
					it = json_object_iter_next((json_t *) v, it);
				}
				return;
			}
		case JSON_ARRAY:
			{
				size_t		i,
							n = json_array_size(v);

				if (depth >= w->maxdepth)
				{
					w->too_deep = true;
					return;
				}
				if (w->measure)
					w->size = pc_sat_add(w->size, 2 + (n ? n - 1 : 0));
				for (i = 0; i < n && !w->too_deep &&
					 !(w->measure && w->size > w->limit); i++)
					pc_walk(json_array_get(v, i), depth + 1, w);
				return;
			}
		case JSON_STRING:
			pc_walk_string(json_string_value(v), json_string_length(v), w);
			return;
		case JSON_INTEGER:
			if (w->measure)
			{
				len = snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
							   json_integer_value(v));
				w->size = pc_sat_add(w->size, len > 0 ? (size_t) len : 1);
			}
			return;
		case JSON_REAL:
			if (w->measure)
			{
				len = snprintf(buf, sizeof(buf), "%.17g", json_real_value(v));
				if (len > 0 && (size_t) len < sizeof(buf))
				{
					/* as jansson's dtostr: ".0" when integral, exponent
					 * without '+' and leading zeros */
					char	   *e = strchr(buf, 'e');

					if (e == NULL && strchr(buf, '.') == NULL)
						len += 2;
					else if (e != NULL)
					{
						e++;
						if (*e == '+')
							len--;
						if (*e == '+' || *e == '-')
							e++;
						while (*e == '0' && e[1] != '\0')
						{
							len--;
							e++;
						}
					}
				}
				w->size = pc_sat_add(w->size, len > 0 ? (size_t) len : 1);
			}
			return;
		case JSON_TRUE:
		case JSON_NULL:
			w->size = pc_sat_add(w->size, 4);
			return;
		case JSON_FALSE:
			w->size = pc_sat_add(w->size, 5);
			return;
	}
}

size_t
pc_value_size(const json_t *value)
{
	PcWalk		w;

	memset(&w, 0, sizeof(w));
	w.limit = PC_MAX_VALUE_BYTES;
	w.maxdepth = PC_MAX_DEPTH;
	w.measure = true;
	pc_walk(value, 0, &w);
	if (w.too_deep)
		return SIZE_MAX;
	return w.size;
}

/*
 * Emptiness: blank string, empty array/object; with deep, an array/object
 * all of whose members are empty (nulls included), bounded by PC_MAX_DEPTH.
 */
static bool
pc_is_empty(const json_t *v, bool deep, int depth)
{
	if (v == NULL || json_is_null(v))
		return true;
	if (json_is_string(v))
		return pc_blank_str(json_string_value(v), json_string_length(v));
	if (json_is_array(v))
	{
		size_t		i,
					n = json_array_size(v);

		if (n == 0)
			return true;
		if (!deep || depth >= PC_MAX_DEPTH)
			return false;
		for (i = 0; i < n; i++)
			if (!pc_is_empty(json_array_get(v, i), deep, depth + 1))
				return false;
		return true;
	}
	if (json_is_object(v))
	{
		void	   *it;

		if (json_object_size(v) == 0)
			return true;
		if (!deep || depth >= PC_MAX_DEPTH)
			return false;
		for (it = json_object_iter((json_t *) v); it != NULL;
			 it = json_object_iter_next((json_t *) v, it))
			if (!pc_is_empty(json_object_iter_value(it), deep, depth + 1))
				return false;
		return true;
	}
	return false;
}

/* ----------------------------------------------------------------------
 * XML well-formedness scanner
 * ---------------------------------------------------------------------- */

static bool
pc_xml_name_start(unsigned char c)
{
	return pc_is_alpha(c) || c == '_' || c == ':' || c >= 0x80;
}

static bool
pc_xml_name_char(unsigned char c)
{
	return pc_xml_name_start(c) || pc_is_digit(c) || c == '-' || c == '.';
}

static bool
pc_xml_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
pc_starts(const char *s, size_t n, size_t i, const char *lit)
{
	size_t		l = strlen(lit);

	return i <= n && n - i >= l && memcmp(s + i, lit, l) == 0;
}

static size_t
pc_find(const char *s, size_t n, size_t from, const char *lit)
{
	size_t		l = strlen(lit),
				i;

	if (l == 0 || n < l)
		return SIZE_MAX;
	for (i = from; i + l <= n; i++)
		if (s[i] == lit[0] && memcmp(s + i, lit, l) == 0)
			return i;
	return SIZE_MAX;
}

/* Name at s[*i]; advances *i; false when there is no name. */
static bool
pc_xml_name(const char *s, size_t n, size_t *i)
{
	if (*i >= n || !pc_xml_name_start((unsigned char) s[*i]))
		return false;
	(*i)++;
	while (*i < n && pc_xml_name_char((unsigned char) s[*i]))
		(*i)++;
	return true;
}

static bool
pc_xml_char_ok(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		(c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Reference starting at s[*i] == '&'; advances past ';'. */
static bool
pc_xml_reference(const char *s, size_t n, size_t *i)
{
	size_t		j = *i + 1;

	if (j < n && s[j] == '#')
	{
		uint32_t	v = 0;
		size_t		digits = 0;
		bool		hex = false;

		j++;
		if (j < n && s[j] == 'x')
		{
			hex = true;
			j++;
		}
		while (j < n && s[j] != ';')
		{
			unsigned char c = (unsigned char) s[j];
			uint32_t	d;

			if (pc_is_digit(c))
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return false;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				return false;
			digits++;
			j++;
		}
		if (j >= n || digits == 0 || !pc_xml_char_ok(v))
			return false;
		*i = j + 1;
		return true;
	}
	{
		size_t		start = j;

		if (!pc_xml_name(s, n, &j) || j >= n || s[j] != ';')
			return false;
		if (!pc_eq(s + start, j - start, "lt") && !pc_eq(s + start, j - start, "gt") &&
			!pc_eq(s + start, j - start, "amp") &&
			!pc_eq(s + start, j - start, "apos") &&
			!pc_eq(s + start, j - start, "quot"))
			return false;
		*i = j + 1;
		return true;
	}
}

/* attributes one element may carry (the duplicate check compares them pairwise) */
#define PC_XML_MAX_ATTRS	128

#define PC_XML_OK		0
#define PC_XML_BAD		1
#define PC_XML_DEEP		2

static int
pc_xml_check(const char *s, size_t n, const char **why)
{
	size_t		stack_off[PC_MAX_DEPTH];
	size_t		stack_len[PC_MAX_DEPTH];
	/* the current start tag's attribute names, to refuse a repeated one */
	size_t		attr_off[PC_XML_MAX_ATTRS];
	size_t		attr_len[PC_XML_MAX_ATTRS];
	int			nattrs = 0;
	int			depth = 0;
	bool		root_seen = false;
	size_t		i = 0,
				start;

#define XML_FAIL(msg) do { *why = (msg); return PC_XML_BAD; } while (0)

	if (memchr(s, '\0', n) != NULL || !pc_utf8_valid(s, n))
		XML_FAIL("invalid character");
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c < 0x20 && !pc_xml_space(c))
			XML_FAIL("invalid character");
	}
	i = 0;
	if (n >= 3 && (unsigned char) s[0] == 0xEF && (unsigned char) s[1] == 0xBB &&
		(unsigned char) s[2] == 0xBF)
		i = 3;
	start = i;

	while (i < n)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '<')
		{
			if (pc_starts(s, n, i, "<?"))
			{
				size_t		j = i + 2,
							t = j,
							end;

				if (!pc_xml_name(s, n, &j))
					XML_FAIL("malformed processing instruction");
				if (j - t == 3 && (s[t] == 'x' || s[t] == 'X') &&
					(s[t + 1] == 'm' || s[t + 1] == 'M') &&
					(s[t + 2] == 'l' || s[t + 2] == 'L') && i != start)
					XML_FAIL("XML declaration not at the start");
				end = pc_find(s, n, j, "?>");
				if (end == SIZE_MAX)
					XML_FAIL("unterminated processing instruction");
				if (end > j && !pc_xml_space((unsigned char) s[j]))
					XML_FAIL("malformed processing instruction");
				i = end + 2;
				continue;
			}
			if (pc_starts(s, n, i, "<!--"))
			{
				size_t		dd = pc_find(s, n, i + 4, "--");

				if (dd == SIZE_MAX)
					XML_FAIL("unterminated comment");
				if (!pc_starts(s, n, dd, "-->"))
					XML_FAIL("'--' inside a comment");
				i = dd + 3;
				continue;
			}
			if (pc_starts(s, n, i, "<![CDATA["))
			{
				size_t		end;

				if (depth == 0)
					XML_FAIL("CDATA section outside the root element");
				end = pc_find(s, n, i + 9, "]]>");
				if (end == SIZE_MAX)
					XML_FAIL("unterminated CDATA section");
				i = end + 3;
				continue;
			}
			if (pc_starts(s, n, i, "<!"))
				XML_FAIL("DOCTYPE and other declarations are not supported");
			if (pc_starts(s, n, i, "</"))
			{
				size_t		j = i + 2,
							t = j;

				if (!pc_xml_name(s, n, &j))
					XML_FAIL("malformed end tag");
				if (depth == 0)
					XML_FAIL("end tag without start tag");
				if (stack_len[depth - 1] != j - t ||
					memcmp(s + stack_off[depth - 1], s + t, j - t) != 0)
					XML_FAIL("mismatched end tag");
				while (j < n && pc_xml_space((unsigned char) s[j]))
					j++;
				if (j >= n || s[j] != '>')
					XML_FAIL("malformed end tag");
				depth--;
				i = j + 1;
				continue;
			}
			/* start tag */
			{
				size_t		j = i + 1,
							t = j,
							name_end;

				if (depth == 0 && root_seen)
					XML_FAIL("more than one root element");
				if (!pc_xml_name(s, n, &j))
					XML_FAIL("malformed tag");
				name_end = j;
				nattrs = 0;
				for (;;)
				{
					bool		ws = false;

					while (j < n && pc_xml_space((unsigned char) s[j]))
					{
						j++;
						ws = true;
					}
					if (j >= n)
						XML_FAIL("malformed tag");
					if (s[j] == '/')
					{
						if (j + 1 >= n || s[j + 1] != '>')
							XML_FAIL("malformed tag");
						root_seen = true;
						i = j + 2;
						break;
					}
					if (s[j] == '>')
					{
						if (depth >= PC_MAX_DEPTH)
						{
							*why = "nested too deeply";
							return PC_XML_DEEP;
						}
						stack_off[depth] = t;
						stack_len[depth] = name_end - t;
						depth++;
						root_seen = true;
						i = j + 1;
						break;
					}
					/* attribute */
					{
						size_t		a = j;

						if (!ws || !pc_xml_name(s, n, &j))
							XML_FAIL("malformed attribute");
						/*
						 * XML 1.0 WFC "Unique Att Spec": an attribute name
						 * appears at most once in a tag.  The list is bounded so
						 * the pairwise comparison stays linear in the value.
						 */
						if (nattrs >= PC_XML_MAX_ATTRS)
							XML_FAIL("too many attributes on one element");
						for (int k = 0; k < nattrs; k++)
							if (attr_len[k] == j - a && memcmp(s + attr_off[k], s + a, j - a) == 0)
								XML_FAIL("duplicate attribute");
						attr_off[nattrs] = a;
						attr_len[nattrs] = j - a;
						nattrs++;
					}
					while (j < n && pc_xml_space((unsigned char) s[j]))
						j++;
					if (j >= n || s[j] != '=')
						XML_FAIL("malformed attribute");
					j++;
					while (j < n && pc_xml_space((unsigned char) s[j]))
						j++;
					if (j >= n || (s[j] != '"' && s[j] != '\''))
						XML_FAIL("malformed attribute");
					{
						char		q = s[j++];

						while (j < n && s[j] != q)
						{
							if (s[j] == '<')
								XML_FAIL("malformed attribute");
							if (s[j] == '&')
							{
								if (!pc_xml_reference(s, n, &j))
									XML_FAIL("invalid entity reference");
								continue;
							}
							j++;
						}
						if (j >= n)
							XML_FAIL("malformed attribute");
						j++;
					}
				}
				continue;
			}
		}
		if (depth == 0)
		{
			if (!pc_xml_space(c))
				XML_FAIL("text outside the root element");
			i++;
			continue;
		}
		if (c == '&')
		{
			if (!pc_xml_reference(s, n, &i))
				XML_FAIL("invalid entity reference");
			continue;
		}
		if (c == ']' && pc_starts(s, n, i, "]]>"))
			XML_FAIL("']]>' in text");
		i++;
	}
	if (depth > 0)
		XML_FAIL("unclosed element");
	if (!root_seen)
		XML_FAIL("no root element");
	return PC_XML_OK;
#undef XML_FAIL
}

/* ----------------------------------------------------------------------
 * definitions
 * ---------------------------------------------------------------------- */

static void
pc_reset_options(PcParamDef *def)
{
	def->pattern = NULL;
	def->patternLen = 0;
	def->minChar = -1;
	def->maxChar = -1;
	def->optionsListJson = NULL;
	def->optionsList = NULL;
	def->optionsCount = 0;
	def->domainSuffix = NULL;
	def->domainSuffixLen = 0;
	def->dateRange = false;
	def->minAvailableDate = 0;
	def->maxAvailableDate = 0;
	def->phoneMandatory = false;
	def->objectType = PC_OBJECT_JSON;
	def->defaultValue = NULL;
	def->defaultJson = NULL;
	def->defaultJsonLen = 0;
}

void
pc_def_init(PcParamDef *def, PcParamType type)
{
	if (def == NULL)
		return;
	memset(def, 0, sizeof(*def));
	def->type = type;
	def->phase = PC_PHASE_ORDER;
	pc_reset_options(def);
}

int
pc_def_option(const PcParamDef *def, size_t i,
			  const char **value, size_t *value_len,
			  const char **label, size_t *label_len)
{
	const char *v = NULL,
			   *l = NULL;
	size_t		vl = 0,
				ll = 0;

	if (def == NULL || i >= def->optionsCount)
		return -1;
	if (def->optionsList != NULL)
	{
		v = def->optionsList[i].value;
		vl = def->optionsList[i].valueLen;
		l = def->optionsList[i].label;
		ll = def->optionsList[i].labelLen;
	}
	else if (def->optionsListJson != NULL)
	{
		const json_t *item = json_array_get(def->optionsListJson, i);

		if (item == NULL || !json_is_object(item) ||
			!pc_json_str(json_object_get(item, "value"), &v, &vl) ||
			!pc_json_str(json_object_get(item, "label"), &l, &ll))
			return -1;
	}
	else
		return -1;
	if (value)
		*value = v;
	if (value_len)
		*value_len = vl;
	if (label)
		*label = l;
	if (label_len)
		*label_len = ll;
	return 0;
}

static bool
pc_option_has(const PcParamDef *def, const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < def->optionsCount; i++)
	{
		const char *v;
		size_t		vl;

		if (pc_def_option(def, i, &v, &vl, NULL, NULL) == 0 &&
			vl == n && memcmp(v, s, n) == 0)
			return true;
	}
	return false;
}

const char *
pc_option_label(const PcParamDef *def, const char *value, size_t len,
				size_t *label_len)
{
	size_t		i;

	if (def == NULL || value == NULL)
		return NULL;
	for (i = 0; i < def->optionsCount; i++)
	{
		const char *v,
				   *l;
		size_t		vl,
					ll;

		if (pc_def_option(def, i, &v, &vl, &l, &ll) == 0 &&
			vl == len && memcmp(v, value, len) == 0)
		{
			if (label_len)
				*label_len = ll;
			return l;
		}
	}
	return NULL;
}

int
pc_parse_constraints(const json_t *constraints, PcParamDef *def, PcError *err)
{
	void	   *it;

	if (def == NULL)
		return pc_fail(err, PC_ERR_BAD_DEF, "Parameter definition is invalid.");
	if (constraints == NULL || json_is_null(constraints))
		return 0;
	if (!json_is_object(constraints))
		return pc_fail(err, PC_ERR_OPT_NOT_OBJECT, "Constraints must be an object.");
	for (it = json_object_iter((json_t *) constraints); it != NULL;
		 it = json_object_iter_next((json_t *) constraints, it))
	{
		const char *k = json_object_iter_key(it);
		size_t		kl = pc_key_len(it, k);
		json_t	   *v = json_object_iter_value(it);
		bool	   *dst;
		char		snip[64];

		if (pc_eq(k, kl, "hidden"))
			dst = &def->hidden;
		else if (pc_eq(k, kl, "readonly"))
			dst = &def->readonly;
		else if (pc_eq(k, kl, "required"))
			dst = &def->required;
		else if (pc_eq(k, kl, "unique"))
			dst = &def->unique;
		else
			return pc_fail(err, PC_ERR_CONSTRAINT,
						   "Constraint '%s' is not supported.",
						   pc_snip(snip, sizeof(snip), k, kl, 40));
		if (json_is_null(v))
			continue;
		if (!json_is_boolean(v))
			return pc_fail(err, PC_ERR_CONSTRAINT,
						   "Constraint '%s' must be a boolean.",
						   pc_snip(snip, sizeof(snip), k, kl, 40));
		*dst = json_is_true(v);
	}
	return 0;
}

/* option keys */
enum
{
	PC_K_NAME, PC_K_TYPE, PC_K_PLACEHOLDER, PC_K_HINT, PC_K_DESCRIPTION,
	PC_K_PATTERN, PC_K_MINCHAR, PC_K_MAXCHAR, PC_K_DEFAULT, PC_K_OPTIONSLIST,
	PC_K_DOMAINSUFFIX, PC_K_DATERANGE, PC_K_MINDATE, PC_K_MAXDATE,
	PC_K_PHONE, PC_K_OBJECTTYPE, PC_K_COUNT
};

static const char *const pc_opt_names[PC_K_COUNT] = {
	"name", "type", "placeholderText", "hintText", "description", "pattern",
	"minChar", "maxChar", "defaultValue", "optionsList", "domainSuffix",
	"dateRange", "minAvailableDate", "maxAvailableDate", "phoneMandatory",
	"objectType"
};

#define PC_B(k) (1u << (k))
#define PC_COMMON (PC_B(PC_K_NAME) | PC_B(PC_K_TYPE))

static const unsigned pc_type_keys[PC_TYPE_COUNT] = {
	/* SingleLineText */
	PC_COMMON | PC_B(PC_K_PLACEHOLDER) | PC_B(PC_K_HINT) | PC_B(PC_K_PATTERN) |
	PC_B(PC_K_MINCHAR) | PC_B(PC_K_MAXCHAR) | PC_B(PC_K_DEFAULT),
	/* MultiLineText */
	PC_COMMON | PC_B(PC_K_PLACEHOLDER) | PC_B(PC_K_HINT) |
	PC_B(PC_K_MINCHAR) | PC_B(PC_K_MAXCHAR) | PC_B(PC_K_DEFAULT),
	/* Address */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_DEFAULT),
	/* Contact */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_DEFAULT) | PC_B(PC_K_PHONE),
	/* Checkbox */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_OPTIONSLIST) | PC_B(PC_K_DEFAULT),
	/* Choice */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_OPTIONSLIST) | PC_B(PC_K_DEFAULT),
	/* Subdomain */
	PC_COMMON | PC_B(PC_K_PLACEHOLDER) | PC_B(PC_K_HINT) | PC_B(PC_K_DOMAINSUFFIX),
	/* Heading */
	PC_COMMON,
	/* DropDown */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_PLACEHOLDER) | PC_B(PC_K_DESCRIPTION) |
	PC_B(PC_K_OPTIONSLIST) | PC_B(PC_K_DEFAULT),
	/* Email */
	PC_COMMON | PC_B(PC_K_PLACEHOLDER) | PC_B(PC_K_HINT) | PC_B(PC_K_DEFAULT),
	/* DataObject */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_DEFAULT) | PC_B(PC_K_OBJECTTYPE),
	/* Date */
	PC_COMMON | PC_B(PC_K_HINT) | PC_B(PC_K_DATERANGE) | PC_B(PC_K_MINDATE) |
	PC_B(PC_K_MAXDATE) | PC_B(PC_K_DEFAULT)
};

static bool
pc_list_has(const char *const *list, const char *s, size_t n)
{
	for (; *list != NULL; list++)
		if (pc_eq(s, n, *list))
			return true;
	return false;
}

static const char *const pc_email_presets[] = {"None", "CurrentlySignedInUser", NULL};
static const char *const pc_address_presets[] = {"None", "Buyer", "Seller", "Licensee", NULL};
static const char *const pc_contact_presets[] = {"None", "Buyer", "Licensee", "CurrentlySignedInUser", NULL};

static int	pc_check_internal(const PcParamDef *def, const json_t *value,
							  const PcRegexOps *re, bool skip_pattern,
							  PcError *err);

/* A plain text option (name, placeholderText, hintText, description). */
static int
pc_opt_text(const json_t *v, const char *key, PcError *err)
{
	const char *s;
	size_t		n;

	if (!pc_json_str(v, &s, &n))
		return pc_fail(err, PC_ERR_OPT_TYPE, "Option '%s' must be a string.", key);
	if (pc_text_scan(s, n, false) == PC_TEXT_BAD)
		return pc_fail(err, PC_ERR_OPT_TEXT, "Option '%s' contains invalid characters.", key);
	if (pc_utf8_length(s, n) > PC_MAX_VALUE_CHARS)
		return pc_fail(err, PC_ERR_OPT_TEXT, "Option '%s' must be at most %d characters long.",
					   key, PC_MAX_VALUE_CHARS);
	return 0;
}

static int
pc_opt_list(const json_t *list, PcParamDef *out, PcError *err)
{
	size_t		i,
				j,
				n;
	char		snip[80];

	/* values and labels seen so far (16 KiB of stack at PC_MAX_OPTIONS) */
	const char *seen[2][PC_MAX_OPTIONS];
	size_t		seen_len[2][PC_MAX_OPTIONS];

	if (!json_is_array(list))
		return pc_fail(err, PC_ERR_OPT_TYPE, "Option 'optionsList' must be an array.");
	n = json_array_size(list);
	if (n == 0)
		return pc_fail(err, PC_ERR_OPT_LIST_EMPTY,
					   "Option 'optionsList' must contain at least one option.");
	if (n > PC_MAX_OPTIONS)
		return pc_fail(err, PC_ERR_OPT_LIST_LONG,
					   "Option 'optionsList' must contain at most %d options.", PC_MAX_OPTIONS);
	for (i = 0; i < n; i++)
	{
		const json_t *item = json_array_get(list, i);
		void	   *it;
		int			f;
		static const char *const fields[2] = {"value", "label"};
		const char *fs[2];
		size_t		fl[2];

		if (!json_is_object(item))
			return pc_fail(err, PC_ERR_OPT_LIST_ITEM,
						   "Option 'optionsList' item %zu must be an object.", i + 1);
		for (it = json_object_iter((json_t *) item); it != NULL;
			 it = json_object_iter_next((json_t *) item, it))
		{
			const char *k = json_object_iter_key(it);
			size_t		kl = pc_key_len(it, k);
			json_t	   *v = json_object_iter_value(it);

			if (pc_eq(k, kl, "value") || pc_eq(k, kl, "label"))
				continue;
			if (pc_eq(k, kl, "description"))
			{
				const char *s;
				size_t		sn;

				if (json_is_null(v))
					continue;
				if (!pc_json_str(v, &s, &sn) || pc_text_scan(s, sn, false) == PC_TEXT_BAD ||
					pc_utf8_length(s, sn) > PC_MAX_VALUE_CHARS)
					return pc_fail(err, PC_ERR_OPT_LIST_ITEM,
								   "Option 'optionsList' item %zu must have a text 'description' of at most %d characters.",
								   i + 1, PC_MAX_VALUE_CHARS);
				continue;
			}
			return pc_fail(err, PC_ERR_OPT_LIST_ITEM,
						   "Option 'optionsList' item %zu has the unsupported key '%s'.",
						   i + 1, pc_snip(snip, sizeof(snip), k, kl, 40));
		}
		for (f = 0; f < 2; f++)
		{
			if (!pc_json_str(json_object_get(item, fields[f]), &fs[f], &fl[f]) ||
				pc_blank_str(fs[f], fl[f]))
				return pc_fail(err, PC_ERR_OPT_LIST_ITEM,
							   "Option 'optionsList' item %zu must have a non-empty '%s'.",
							   i + 1, fields[f]);
			if (pc_text_scan(fs[f], fl[f], true) != PC_TEXT_OK)
				return pc_fail(err, PC_ERR_OPT_LIST_ITEM,
							   "Option 'optionsList' item %zu has invalid characters in '%s'.",
							   i + 1, fields[f]);
			if (pc_utf8_length(fs[f], fl[f]) > PC_MAX_VALUE_CHARS)
				return pc_fail(err, PC_ERR_OPT_LIST_ITEM,
							   "Option 'optionsList' item %zu has a '%s' longer than %d characters.",
							   i + 1, fields[f], PC_MAX_VALUE_CHARS);
		}
		for (f = 0; f < 2; f++)
		{
			for (j = 0; j < i; j++)
			{
				if (seen_len[f][j] == fl[f] && memcmp(seen[f][j], fs[f], fl[f]) == 0)
					return pc_fail(err, PC_ERR_OPT_LIST_DUP,
								   "Option 'optionsList' repeats the %s '%s'.", fields[f],
								   pc_snip(snip, sizeof(snip), fs[f], fl[f], 60));
			}
			seen[f][i] = fs[f];
			seen_len[f][i] = fl[f];
		}
	}
	out->optionsListJson = list;
	out->optionsList = NULL;
	out->optionsCount = n;
	return 0;
}

static void
pc_lower_first(char *msg)
{
	if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
		msg[0] = (char) (msg[0] - 'A' + 'a');
}

int
pc_parse_options(PcParamType type, const json_t *options,
				 const PcRegexOps *re, PcParamDef *out, PcError *err)
{
	const char *tname = pc_type_name((int) type);
	unsigned	allowed;
	void	   *it;
	char		snip[80];

	if (out == NULL)
		return pc_fail(err, PC_ERR_BAD_DEF, "Parameter definition is invalid.");
	pc_reset_options(out);
	if (tname == NULL)
		return pc_fail(err, PC_ERR_OPT_PARAM_TYPE, "Parameter type is not supported.");
	out->type = type;
	allowed = pc_type_keys[type];

	if (options != NULL && !json_is_null(options))
	{
		if (!json_is_object(options))
			return pc_fail(err, PC_ERR_OPT_NOT_OBJECT, "Options must be an object.");
		for (it = json_object_iter((json_t *) options); it != NULL;
			 it = json_object_iter_next((json_t *) options, it))
		{
			const char *k = json_object_iter_key(it);
			size_t		kl = pc_key_len(it, k);
			const json_t *v = json_object_iter_value(it);
			int			key = pc_lookup(pc_opt_names, PC_K_COUNT, k, kl);
			const char *s;
			size_t		n;
			int32_t		date;

			if (key < 0 || !(allowed & PC_B(key)))
				return pc_fail(err, PC_ERR_OPT_UNKNOWN,
							   "Option '%s' is not supported for type %s.",
							   pc_snip(snip, sizeof(snip), k, kl, 40), tname);
			if (json_is_null(v))
				continue;
			switch (key)
			{
				case PC_K_NAME:
				case PC_K_PLACEHOLDER:
				case PC_K_HINT:
				case PC_K_DESCRIPTION:
					if (pc_opt_text(v, pc_opt_names[key], err))
						return 1;
					break;
				case PC_K_TYPE:
					if (!pc_json_str(v, &s, &n))
						return pc_fail(err, PC_ERR_OPT_TYPE, "Option 'type' must be a string.");
					if (!pc_eq(s, n, tname))
						return pc_fail(err, PC_ERR_OPT_TYPE_NAME, "Option 'type' must be %s.", tname);
					break;
				case PC_K_PATTERN:
					if (!pc_json_str(v, &s, &n))
						return pc_fail(err, PC_ERR_OPT_TYPE, "Option 'pattern' must be a string.");
					if (n == 0)
						break;	/* "" = no pattern */
					if (n > PC_MAX_PATTERN_BYTES)
						return pc_fail(err, PC_ERR_OPT_PATTERN_LEN,
									   "Option 'pattern' must be at most %d bytes long.",
									   PC_MAX_PATTERN_BYTES);
					if (memchr(s, '\0', n) != NULL || !pc_utf8_valid(s, n))
						return pc_fail(err, PC_ERR_OPT_PATTERN_LEN,
									   "Option 'pattern' contains invalid characters.");
					out->pattern = s;
					out->patternLen = n;
					break;
				case PC_K_MINCHAR:
				case PC_K_MAXCHAR:
					{
						json_int_t	iv;
						int			lo = key == PC_K_MINCHAR ? 0 : 1;

						if (!json_is_integer(v))
							return pc_fail(err, PC_ERR_OPT_TYPE, "Option '%s' must be an integer.",
										   pc_opt_names[key]);
						iv = json_integer_value(v);
						if (iv < lo || iv > PC_MAX_VALUE_CHARS)
							return pc_fail(err, PC_ERR_OPT_RANGE,
										   "Option '%s' must be between %d and %d.",
										   pc_opt_names[key], lo, PC_MAX_VALUE_CHARS);
						if (key == PC_K_MINCHAR)
							out->minChar = (int) iv;
						else
							out->maxChar = (int) iv;
						break;
					}
				case PC_K_DEFAULT:
					out->defaultValue = v;
					break;
				case PC_K_OPTIONSLIST:
					if (pc_opt_list(v, out, err))
						return 1;
					break;
				case PC_K_DOMAINSUFFIX:
					if (!pc_json_str(v, &s, &n))
						return pc_fail(err, PC_ERR_OPT_TYPE, "Option 'domainSuffix' must be a string.");
					if (n == 0)
						break;	/* "" = no suffix */
					if (!pc_dns_name(s, n, false, 1))
						return pc_fail(err, PC_ERR_OPT_DOMAIN,
									   "Option 'domainSuffix' must be a valid lower-case domain name.");
					out->domainSuffix = s;
					out->domainSuffixLen = n;
					break;
				case PC_K_DATERANGE:
				case PC_K_PHONE:
					if (!json_is_boolean(v))
						return pc_fail(err, PC_ERR_OPT_TYPE, "Option '%s' must be a boolean.",
									   pc_opt_names[key]);
					if (key == PC_K_DATERANGE)
						out->dateRange = json_is_true(v);
					else
						out->phoneMandatory = json_is_true(v);
					break;
				case PC_K_MINDATE:
				case PC_K_MAXDATE:
					if (!pc_json_str(v, &s, &n))
						return pc_fail(err, PC_ERR_OPT_TYPE, "Option '%s' must be a string.",
									   pc_opt_names[key]);
					if (n == 0)
						break;	/* "" = no limit */
					if (pc_date_parse(s, n, &date) != 0)
						return pc_fail(err, PC_ERR_OPT_DATE,
									   "Option '%s' must be a valid date in YYYY-MM-DD format.",
									   pc_opt_names[key]);
					if (key == PC_K_MINDATE)
						out->minAvailableDate = date;
					else
						out->maxAvailableDate = date;
					break;
				case PC_K_OBJECTTYPE:
					{
						int			ot;

						if (!pc_json_str(v, &s, &n))
							return pc_fail(err, PC_ERR_OPT_TYPE, "Option 'objectType' must be a string.");
						ot = pc_object_type_from_name(s, n);
						if (ot < 0)
							return pc_fail(err, PC_ERR_OPT_OBJECT_TYPE,
										   "Option 'objectType' must be Json or Xml.");
						out->objectType = (PcObjectType) ot;
						break;
					}
				default:
					return pc_fail(err, PC_ERR_OPT_UNKNOWN,
								   "Option '%s' is not supported for type %s.",
								   pc_opt_names[key], tname);
			}
		}
	}

	if ((type == PC_TYPE_CHOICE || type == PC_TYPE_DROP_DOWN ||
		 type == PC_TYPE_CHECKBOX) && out->optionsCount == 0)
		return pc_fail(err, PC_ERR_OPT_LIST_EMPTY,
					   "Option 'optionsList' must contain at least one option.");
	if (out->minChar >= 0 && out->maxChar >= 0 && out->minChar > out->maxChar)
		return pc_fail(err, PC_ERR_OPT_MIN_MAX,
					   "Option 'minChar' must not be greater than 'maxChar'.");
	if (out->minAvailableDate && out->maxAvailableDate &&
		out->minAvailableDate > out->maxAvailableDate)
		return pc_fail(err, PC_ERR_OPT_DATE_ORDER,
					   "Option 'minAvailableDate' must not be after 'maxAvailableDate'.");
	if (out->pattern != NULL && re != NULL && re->full_match != NULL)
	{
		char		ebuf[160];
		int			r;

		ebuf[0] = '\0';
		r = re->full_match(re->arg, out->pattern, out->patternLen, "", 0,
						   ebuf, sizeof(ebuf));
		if (r == -2)
			return pc_fail(err, PC_ERR_OPT_BACKREF,
						   "Option 'pattern' must not contain back-references.");
		if (r == -3)
			return pc_fail(err, PC_ERR_OPT_LOOKAROUND,
						   "Option 'pattern' must not contain lookahead or lookbehind constraints.");
		if (r < 0)
		{
			ebuf[sizeof(ebuf) - 1] = '\0';
			if (ebuf[0] != '\0')
				return pc_fail(err, PC_ERR_OPT_PATTERN,
							   "Option 'pattern' is not a valid regular expression: %s.",
							   pc_snip(snip, sizeof(snip), ebuf, strlen(ebuf), 72));
			return pc_fail(err, PC_ERR_OPT_PATTERN,
						   "Option 'pattern' is not a valid regular expression.");
		}
	}
	if (out->defaultValue != NULL && pc_is_empty(out->defaultValue, false, 0))
		out->defaultValue = NULL;	/* "", [], {}: no default */
	if (out->defaultValue != NULL)
	{
		const char *const *presets = NULL;

		if (type == PC_TYPE_EMAIL)
			presets = pc_email_presets;
		else if (type == PC_TYPE_ADDRESS)
			presets = pc_address_presets;
		else if (type == PC_TYPE_CONTACT)
			presets = pc_contact_presets;
		if (presets != NULL)
		{
			const char *s;
			size_t		n;

			if (!pc_json_str(out->defaultValue, &s, &n) || !pc_list_has(presets, s, n))
				return pc_fail(err, PC_ERR_OPT_DEFAULT,
							   "Option 'defaultValue' must be one of: %s.",
							   type == PC_TYPE_EMAIL ? "None, CurrentlySignedInUser" :
							   type == PC_TYPE_ADDRESS ? "None, Buyer, Seller, Licensee" :
							   "None, Buyer, Licensee, CurrentlySignedInUser");
		}
		else
		{
			PcParamDef	tmp = *out;
			PcError		inner;

			tmp.required = false;
			if (pc_check_internal(&tmp, out->defaultValue, re,
								  re == NULL || re->full_match == NULL, &inner))
			{
				pc_lower_first(inner.message);
				return pc_fail(err, PC_ERR_OPT_DEFAULT,
							   "Option 'defaultValue' is invalid: %s", inner.message);
			}
		}
	}
	return 0;
}

/* ----------------------------------------------------------------------
 * pc_def_copy
 * ---------------------------------------------------------------------- */

static char *
pc_put(char **p, const char *s, size_t n)
{
	char	   *d = *p;

	if (n > 0)
		memcpy(d, s, n);
	d[n] = '\0';
	*p = d + n + 1;
	return d;
}

int
pc_def_copy(const PcParamDef *src, PcParamDef *dst, PcAllocFn alloc, void *ctx)
{
	PcParamDef	s,
				d;
	size_t		total,
				arr,
				i,
				djl = 0,
				idl,
				exl,
				nml;
	char	   *block,
			   *p;
	PcOption   *opts;
	const size_t flags = JSON_COMPACT | JSON_ENCODE_ANY;

	if (src == NULL || dst == NULL || alloc == NULL)
		return -1;
	s = *src;
	idl = s.id ? strlen(s.id) : 0;
	exl = s.externalId ? strlen(s.externalId) : 0;
	nml = s.name ? strlen(s.name) : 0;
	if (s.defaultValue != NULL)
	{
		djl = json_dumpb(s.defaultValue, NULL, 0, flags);
		if (djl == 0)
			return -1;
	}
	else if (s.defaultJson != NULL)
		djl = s.defaultJsonLen;

	arr = s.optionsCount * sizeof(PcOption);
	total = arr + idl + exl + nml + s.patternLen + s.domainSuffixLen + djl + 6;
	for (i = 0; i < s.optionsCount; i++)
	{
		size_t		vl,
					ll;

		if (pc_def_option(&s, i, NULL, &vl, NULL, &ll) != 0)
			return -1;
		total += vl + ll + 2;
	}
	block = alloc(ctx, total);
	if (block == NULL)
		return -1;

	d = s;
	opts = (PcOption *) (void *) block;
	p = block + arr;
	d.pc_block = block;
	d.id = s.id ? pc_put(&p, s.id, idl) : NULL;
	d.externalId = s.externalId ? pc_put(&p, s.externalId, exl) : NULL;
	d.name = s.name ? pc_put(&p, s.name, nml) : NULL;
	d.pattern = s.pattern ? pc_put(&p, s.pattern, s.patternLen) : NULL;
	d.domainSuffix = s.domainSuffix ? pc_put(&p, s.domainSuffix, s.domainSuffixLen) : NULL;
	for (i = 0; i < s.optionsCount; i++)
	{
		const char *v,
				   *l;
		size_t		vl,
					ll;

		(void) pc_def_option(&s, i, &v, &vl, &l, &ll);
		opts[i].value = pc_put(&p, v, vl);
		opts[i].valueLen = vl;
		opts[i].label = pc_put(&p, l, ll);
		opts[i].labelLen = ll;
	}
	d.optionsList = s.optionsCount ? opts : NULL;
	d.optionsListJson = NULL;
	d.defaultValue = NULL;
	d.defaultJson = NULL;
	d.defaultJsonLen = 0;
	if (s.defaultValue != NULL)
	{
		if (json_dumpb(s.defaultValue, p, djl, flags) != djl)
			return -1;
		p[djl] = '\0';
		d.defaultJson = p;
		d.defaultJsonLen = djl;
	}
	else if (s.defaultJson != NULL)
	{
		d.defaultJson = pc_put(&p, s.defaultJson, djl);
		d.defaultJsonLen = djl;
	}
	*dst = d;
	return 0;
}

/* ----------------------------------------------------------------------
 * value checks
 * ---------------------------------------------------------------------- */

/* Reject keys of obj not in allowed[] (NULL-terminated). */
static int
pc_check_keys(const json_t *obj, const char *const *allowed, const char *prefix,
			  PcError *err)
{
	void	   *it;
	char		snip[64];

	for (it = json_object_iter((json_t *) obj); it != NULL;
		 it = json_object_iter_next((json_t *) obj, it))
	{
		const char *k = json_object_iter_key(it);
		size_t		kl = pc_key_len(it, k);

		if (!pc_list_has(allowed, k, kl))
			return pc_fail(err, PC_ERR_FIELD_UNKNOWN, "Field '%s%s' is not allowed.",
						   prefix, pc_snip(snip, sizeof(snip), k, kl, 40));
	}
	return 0;
}

/*
 * A text field of an object.  On success *s is NULL when the field is absent
 * or empty and not required.
 */
static int
pc_field_text(const json_t *obj, const char *key, const char *label,
			  bool required, const char **s, size_t *n, PcError *err)
{
	const json_t *f = json_object_get(obj, key);

	*s = NULL;
	*n = 0;
	if (f == NULL || json_is_null(f))
	{
		if (required)
			return pc_fail(err, PC_ERR_FIELD_REQUIRED, "Field '%s' is required.", label);
		return 0;
	}
	if (!pc_json_str(f, s, n))
	{
		*s = NULL;
		return pc_fail(err, PC_ERR_TYPE, "Field '%s' must be a string.", label);
	}
	if (pc_blank_str(*s, *n))
	{
		*s = NULL;
		*n = 0;
		if (required)
			return pc_fail(err, PC_ERR_FIELD_REQUIRED, "Field '%s' is required.", label);
		return 0;
	}
	if (pc_text_scan(*s, *n, true) != PC_TEXT_OK)
		return pc_fail(err, PC_ERR_BAD_CHARS, "Field '%s' contains invalid characters.", label);
	if (pc_utf8_length(*s, *n) > PC_MAX_VALUE_CHARS)
		return pc_fail(err, PC_ERR_TOO_LONG, "Field '%s' must be at most %d characters long.",
					   label, PC_MAX_VALUE_CHARS);
	return 0;
}

static int
pc_check_text(const PcParamDef *def, const char *s, size_t n,
			  const PcRegexOps *re, bool skip_pattern, PcError *err)
{
	bool		single = def->type == PC_TYPE_SINGLE_LINE_TEXT;
	int			scan = pc_text_scan(s, n, single);
	size_t		len;

	if (scan == PC_TEXT_BAD)
		return pc_fail(err, PC_ERR_BAD_CHARS, "Value contains invalid characters.");
	if (scan == PC_TEXT_NEWLINE)
		return pc_fail(err, PC_ERR_MULTILINE, "Value must be a single line of text.");
	len = pc_utf8_length(s, n);
	if (len > PC_MAX_VALUE_CHARS)
		return pc_fail(err, PC_ERR_TOO_LONG, "Value must be at most %d characters long.",
					   PC_MAX_VALUE_CHARS);
	if (def->maxChar >= 0 && len > (size_t) def->maxChar)
		return pc_fail(err, PC_ERR_TOO_LONG, "Value must be at most %d characters long.",
					   def->maxChar);
	if (def->minChar >= 0 && len < (size_t) def->minChar)
		return pc_fail(err, PC_ERR_TOO_SHORT, "Value must be at least %d characters long.",
					   def->minChar);
	if (single && def->pattern != NULL && def->patternLen > 0 && !skip_pattern)
	{
		char		ebuf[160];
		int			r;

		if (re == NULL || re->full_match == NULL)
			return pc_fail(err, PC_ERR_PATTERN_EVAL,
						   "The parameter's pattern cannot be evaluated.");
		ebuf[0] = '\0';
		r = re->full_match(re->arg, def->pattern, def->patternLen, s, n, ebuf, sizeof(ebuf));
		if (r < 0)
			return pc_fail(err, PC_ERR_PATTERN_EVAL,
						   "The parameter's pattern cannot be evaluated.");
		if (r == 0)
			return pc_fail(err, PC_ERR_PATTERN, "Value does not match the required format.");
	}
	return 0;
}

static int
pc_check_subdomain(const PcParamDef *def, const char *s, size_t n, PcError *err)
{
	size_t		i;
	bool		upper = false,
				other = false;

	if (memchr(s, '.', n) != NULL)
		return pc_fail(err, PC_ERR_SUBDOMAIN, "Subdomain must not contain a dot.");
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 'A' && c <= 'Z')
			upper = true;
		else if (!((c >= 'a' && c <= 'z') || pc_is_digit(c) || c == '-'))
			other = true;
	}
	if (other)
		return pc_fail(err, PC_ERR_SUBDOMAIN,
					   "Subdomain may contain only lower-case letters, digits and hyphens.");
	if (upper)
		return pc_fail(err, PC_ERR_SUBDOMAIN, "Subdomain must be in lower case.");
	if (n > 63)
		return pc_fail(err, PC_ERR_SUBDOMAIN, "Subdomain must be at most 63 characters long.");
	if (s[0] == '-' || s[n - 1] == '-')
		return pc_fail(err, PC_ERR_SUBDOMAIN, "Subdomain must not start or end with a hyphen.");
	if (def->domainSuffix != NULL && n + 1 + def->domainSuffixLen > 253)
		return pc_fail(err, PC_ERR_SUBDOMAIN,
					   "Subdomain is too long for the domain it belongs to.");
	return 0;
}

static int
pc_check_address(const json_t *v, PcError *err)
{
	static const char *const keys[] = {"addressLine1", "addressLine2", "city",
	"state", "postCode", "country", NULL};
	static const bool req[] = {true, false, true, true, true, true};
	const char *s;
	size_t		n;
	int			i;

	if (!json_is_object(v))
		return pc_fail(err, PC_ERR_TYPE, "Value must be an object.");
	if (pc_check_keys(v, keys, "", err))
		return 1;
	for (i = 0; keys[i] != NULL; i++)
		if (pc_field_text(v, keys[i], keys[i], req[i], &s, &n, err))
			return 1;
	/* the loop ends with country, a required field: s is set */
	if (s == NULL || n != 2 || !(s[0] >= 'A' && s[0] <= 'Z') || !(s[1] >= 'A' && s[1] <= 'Z'))
		return pc_fail(err, PC_ERR_COUNTRY,
					   "Field 'country' must be a two-letter ISO 3166-1 country code.");
	return 0;
}

static int
pc_check_phone(const json_t *phone, bool mandatory, PcError *err)
{
	static const char *const keys[] = {"prefix", "number", NULL};
	const char *ps,
			   *ns;
	size_t		pn,
				nn,
				i,
				digits = 0;
	bool		prev_digit = false;

	if (phone == NULL || json_is_null(phone))
	{
		if (mandatory)
			return pc_fail(err, PC_ERR_FIELD_REQUIRED, "Field 'phone' is required.");
		return 0;
	}
	if (!json_is_object(phone))
		return pc_fail(err, PC_ERR_TYPE, "Field 'phone' must be an object.");
	if (pc_check_keys(phone, keys, "phone.", err))
		return 1;
	if (pc_is_empty(phone, true, 0))
	{
		if (mandatory)
			return pc_fail(err, PC_ERR_FIELD_REQUIRED, "Field 'phone' is required.");
		return 0;
	}
	if (pc_field_text(phone, "prefix", "phone.prefix", true, &ps, &pn, err) ||
		pc_field_text(phone, "number", "phone.number", true, &ns, &nn, err))
		return 1;
	if (pn < 2 || pn > 5 || ps[0] != '+' || ps[1] == '0')
		return pc_fail(err, PC_ERR_PHONE,
					   "Field 'phone.prefix' must be '+' followed by 1 to 4 digits.");
	for (i = 1; i < pn; i++)
		if (!pc_is_digit((unsigned char) ps[i]))
			return pc_fail(err, PC_ERR_PHONE,
						   "Field 'phone.prefix' must be '+' followed by 1 to 4 digits.");
	for (i = 0; i < nn; i++)
	{
		unsigned char c = (unsigned char) ns[i];

		if (pc_is_digit(c))
		{
			digits++;
			prev_digit = true;
		}
		else if ((c == ' ' || c == '-') && prev_digit && i + 1 < nn &&
				 pc_is_digit((unsigned char) ns[i + 1]))
			prev_digit = false;
		else
			return pc_fail(err, PC_ERR_PHONE,
						   "Field 'phone.number' must contain only digits, optionally separated by single spaces or hyphens.");
	}
	if (digits < 4 || digits > 14)
		return pc_fail(err, PC_ERR_PHONE, "Field 'phone.number' must contain 4 to 14 digits.");
	if (digits + (pn - 1) > 15)
		return pc_fail(err, PC_ERR_PHONE,
					   "Phone number must not have more than 15 digits including the country code.");
	return 0;
}

static int
pc_check_contact(const PcParamDef *def, const json_t *v, PcError *err)
{
	static const char *const keys[] = {"firstName", "lastName", "email", "phone", NULL};
	const char *s;
	size_t		n;

	if (!json_is_object(v))
		return pc_fail(err, PC_ERR_TYPE, "Value must be an object.");
	if (pc_check_keys(v, keys, "", err))
		return 1;
	if (pc_field_text(v, "firstName", "firstName", true, &s, &n, err) ||
		pc_field_text(v, "lastName", "lastName", true, &s, &n, err) ||
		pc_field_text(v, "email", "email", true, &s, &n, err))
		return 1;
	if (!pc_email_valid(s, n))
		return pc_fail(err, PC_ERR_EMAIL, "Field 'email' is not a valid email address.");
	return pc_check_phone(json_object_get(v, "phone"), def->phoneMandatory, err);
}

static int
pc_date_field(const json_t *obj, const char *key, int32_t *out, PcError *err)
{
	const json_t *f = json_object_get(obj, key);
	const char *s;
	size_t		n;

	if (f == NULL || json_is_null(f))
		return pc_fail(err, PC_ERR_FIELD_REQUIRED, "Field '%s' is required.", key);
	if (!pc_json_str(f, &s, &n))
		return pc_fail(err, PC_ERR_TYPE, "Field '%s' must be a string.", key);
	if (pc_blank_str(s, n))
		return pc_fail(err, PC_ERR_FIELD_REQUIRED, "Field '%s' is required.", key);
	if (pc_date_parse(s, n, out) != 0)
		return pc_fail(err, PC_ERR_DATE,
					   "Field '%s' must be a valid date in YYYY-MM-DD format.", key);
	return 0;
}

static int
pc_date_window(const PcParamDef *def, int32_t d, PcError *err)
{
	char		buf[32];

	if (def->minAvailableDate && d < def->minAvailableDate)
		return pc_fail(err, PC_ERR_DATE_WINDOW, "Date must be on or after %s.",
					   pc_date_format(buf, sizeof(buf), def->minAvailableDate));
	if (def->maxAvailableDate && d > def->maxAvailableDate)
		return pc_fail(err, PC_ERR_DATE_WINDOW, "Date must be on or before %s.",
					   pc_date_format(buf, sizeof(buf), def->maxAvailableDate));
	return 0;
}

static int
pc_check_date(const PcParamDef *def, const json_t *v, PcError *err)
{
	static const char *const single_keys[] = {"date", NULL};
	static const char *const range_keys[] = {"start", "end", NULL};
	int32_t		a,
				b;

	if (!json_is_object(v))
		return pc_fail(err, PC_ERR_TYPE, "Value must be an object.");
	if (!def->dateRange)
	{
		if (pc_check_keys(v, single_keys, "", err) ||
			pc_date_field(v, "date", &a, err))
			return 1;
		return pc_date_window(def, a, err);
	}
	if (pc_check_keys(v, range_keys, "", err) ||
		pc_date_field(v, "start", &a, err) ||
		pc_date_field(v, "end", &b, err))
		return 1;
	if (a > b)
		return pc_fail(err, PC_ERR_DATE_ORDER, "Start date must not be after end date.");
	if (pc_date_window(def, a, err) || pc_date_window(def, b, err))
		return 1;
	return 0;
}

static int
pc_check_checkbox(const PcParamDef *def, const json_t *v, PcError *err)
{
	size_t		i,
				j,
				n;

	if (!json_is_array(v))
		return pc_fail(err, PC_ERR_TYPE, "Value must be an array of strings.");
	n = json_array_size(v);
	for (i = 0; i < n; i++)
	{
		const char *s;
		size_t		sn;

		if (!pc_json_str(json_array_get(v, i), &s, &sn))
			return pc_fail(err, PC_ERR_TYPE, "Value must be an array of strings.");
		if (!pc_option_has(def, s, sn))
			return pc_fail(err, PC_ERR_NOT_OPTION, "Value is not one of the allowed options.");
		/* all earlier elements are distinct options, so i < optionsCount here */
		for (j = 0; j < i; j++)
		{
			const json_t *p = json_array_get(v, j);

			if (json_string_length(p) == sn && memcmp(json_string_value(p), s, sn) == 0)
				return pc_fail(err, PC_ERR_DUPLICATE,
							   "Value contains the same option more than once.");
		}
	}
	return 0;
}

/*
 * DataObject/Json given as a string: it must hold the JSON text of an object
 * or array, without duplicate keys, within PC_MAX_DEPTH.  (The string itself
 * is already bounded by PC_MAX_VALUE_BYTES and free of NUL.)
 */
static int
pc_check_json_text(const char *s, size_t n, PcError *err)
{
	json_error_t jerr;
	json_t	   *doc;
	PcWalk		w;
	bool		container;

	doc = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL)
		return pc_fail(err, PC_ERR_JSON_TEXT, "Value is not a valid JSON object or array.");
	container = json_is_object(doc) || json_is_array(doc);
	memset(&w, 0, sizeof(w));
	w.limit = SIZE_MAX;
	w.maxdepth = PC_MAX_DEPTH;
	w.measure = false;
	pc_walk(doc, 0, &w);
	json_decref(doc);
	if (!container)
		return pc_fail(err, PC_ERR_JSON_TEXT, "Value is not a valid JSON object or array.");
	if (w.too_deep)
		return pc_fail(err, PC_ERR_TOO_DEEP, "Value is nested too deeply (limit %d levels).",
					   PC_MAX_DEPTH);
	return 0;
}

static int
pc_check_internal(const PcParamDef *def, const json_t *value,
				  const PcRegexOps *re, bool skip_pattern, PcError *err)
{
	PcWalk		w;
	const char *s = NULL;
	size_t		n = 0;
	bool		deep_empty;

	if (def == NULL || (int) def->type < 0 || (int) def->type >= PC_TYPE_COUNT ||
		def->minChar > PC_MAX_VALUE_CHARS || def->maxChar > PC_MAX_VALUE_CHARS ||
		(def->optionsCount > 0 && def->optionsList == NULL && def->optionsListJson == NULL) ||
		(def->pattern == NULL && def->patternLen != 0) ||
		(def->domainSuffix == NULL && def->domainSuffixLen != 0))
		return pc_fail(err, PC_ERR_BAD_DEF, "Parameter definition is invalid.");

	if (def->type == PC_TYPE_HEADING)
	{
		if (value == NULL || json_is_null(value))
			return 0;
		return pc_fail(err, PC_ERR_HEADING, "Heading parameters do not take a value.");
	}
	if (value == NULL || json_is_null(value))
	{
		if (def->required)
			return pc_fail(err, PC_ERR_REQUIRED, "Value is required.");
		return 0;
	}

	memset(&w, 0, sizeof(w));
	w.limit = PC_MAX_VALUE_BYTES;
	w.maxdepth = PC_MAX_DEPTH;
	w.measure = true;
	pc_walk(value, 0, &w);
	if (w.too_deep)
		return pc_fail(err, PC_ERR_TOO_DEEP, "Value is nested too deeply (limit %d levels).",
					   PC_MAX_DEPTH);
	if (w.size > PC_MAX_VALUE_BYTES)
		return pc_fail(err, PC_ERR_TOO_LARGE, "Value is too large (limit %d bytes).",
					   PC_MAX_VALUE_BYTES);
	if (w.bad_chars)
		return pc_fail(err, PC_ERR_BAD_CHARS, "Value contains invalid characters.");

	deep_empty = def->type == PC_TYPE_ADDRESS || def->type == PC_TYPE_CONTACT ||
		def->type == PC_TYPE_DATE;
	if (pc_is_empty(value, deep_empty, 0))
	{
		if (def->required)
			return pc_fail(err, PC_ERR_REQUIRED, "Value is required.");
		return 0;
	}

	switch (def->type)
	{
		case PC_TYPE_SINGLE_LINE_TEXT:
		case PC_TYPE_MULTI_LINE_TEXT:
			if (!pc_json_str(value, &s, &n))
				return pc_fail(err, PC_ERR_TYPE, "Value must be a string.");
			return pc_check_text(def, s, n, re, skip_pattern, err);
		case PC_TYPE_EMAIL:
			if (!pc_json_str(value, &s, &n))
				return pc_fail(err, PC_ERR_TYPE, "Value must be a string.");
			if (!pc_email_valid(s, n))
				return pc_fail(err, PC_ERR_EMAIL, "Value is not a valid email address.");
			return 0;
		case PC_TYPE_SUBDOMAIN:
			if (!pc_json_str(value, &s, &n))
				return pc_fail(err, PC_ERR_TYPE, "Value must be a string.");
			return pc_check_subdomain(def, s, n, err);
		case PC_TYPE_CHOICE:
		case PC_TYPE_DROP_DOWN:
			if (!pc_json_str(value, &s, &n))
				return pc_fail(err, PC_ERR_TYPE, "Value must be a string.");
			if (!pc_option_has(def, s, n))
				return pc_fail(err, PC_ERR_NOT_OPTION, "Value is not one of the allowed options.");
			return 0;
		case PC_TYPE_CHECKBOX:
			return pc_check_checkbox(def, value, err);
		case PC_TYPE_ADDRESS:
			return pc_check_address(value, err);
		case PC_TYPE_CONTACT:
			return pc_check_contact(def, value, err);
		case PC_TYPE_DATE:
			return pc_check_date(def, value, err);
		case PC_TYPE_DATA_OBJECT:
			if (def->objectType == PC_OBJECT_XML)
			{
				const char *why = "";
				int			r;

				if (!pc_json_str(value, &s, &n))
					return pc_fail(err, PC_ERR_TYPE, "Value must be a string containing XML.");
				r = pc_xml_check(s, n, &why);
				if (r == PC_XML_DEEP)
					return pc_fail(err, PC_ERR_TOO_DEEP,
								   "Value is nested too deeply (limit %d levels).", PC_MAX_DEPTH);
				if (r != PC_XML_OK)
					return pc_fail(err, PC_ERR_XML, "Value is not well-formed XML: %s.", why);
				return 0;
			}
			if (pc_json_str(value, &s, &n))
				return pc_check_json_text(s, n, err);
			if (!json_is_object(value) && !json_is_array(value))
				return pc_fail(err, PC_ERR_TYPE, "Value must be a JSON object or array.");
			return 0;
		case PC_TYPE_HEADING:
			return 0;			/* handled above */
	}
	return pc_fail(err, PC_ERR_BAD_DEF, "Parameter definition is invalid.");
}

int
pc_check_value(const PcParamDef *def, const json_t *value,
			   const PcRegexOps *re, PcError *err)
{
	return pc_check_internal(def, value, re, false, err);
}

/* ----------------------------------------------------------------------
 * documents
 * ---------------------------------------------------------------------- */

int
pc_parse_document(const char *buf, size_t len, size_t max_len,
				  json_t **out, PcError *err)
{
	json_error_t jerr;
	json_t	   *doc;
	PcWalk		w;
	char		snip[200];

	if (out == NULL)
		return pc_fail(err, PC_ERR_DOC_INVALID, "Invalid JSON: no output.");
	*out = NULL;
	if (len > max_len)
		return pc_fail(err, PC_ERR_DOC_TOO_LARGE, "Document is too large (limit %zu bytes).",
					   max_len);
	if (buf == NULL)
	{
		if (len != 0)
			return pc_fail(err, PC_ERR_DOC_INVALID, "Invalid JSON: no input.");
		buf = "";
	}
	memset(&jerr, 0, sizeof(jerr));
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (doc == NULL)
	{
		size_t		tl;

		jerr.text[sizeof(jerr.text) - 1] = '\0';
		tl = strlen(jerr.text);
		return pc_fail(err, PC_ERR_DOC_INVALID, "Invalid JSON: %s at line %d, column %d.",
					   pc_snip(snip, sizeof(snip), jerr.text, tl, 150),
					   jerr.line, jerr.column);
	}
	memset(&w, 0, sizeof(w));
	w.limit = SIZE_MAX;
	w.maxdepth = PC_MAX_DOC_DEPTH;
	w.measure = false;
	pc_walk(doc, 0, &w);
	if (w.too_deep)
	{
		json_decref(doc);
		return pc_fail(err, PC_ERR_DOC_TOO_DEEP,
					   "Document is nested too deeply (limit %d levels).", PC_MAX_DOC_DEPTH);
	}
	*out = doc;
	return 0;
}
