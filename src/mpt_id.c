/*
 * mpt_id.c
 *		The mpt_id base type: marketplace identifiers such as PRG-1234-5678.
 *
 * Text input is strict (no surrounding blanks, upper-case prefix, groups of
 * exactly four digits) and binary recv runs the same validator, so every
 * path into the type enforces one rule.  Comparison follows the text form,
 * hashing depends only on the value's bytes (a Citus distribution column
 * must hash identically on every node and in every release), and fresh ids
 * come from a keyed permutation of a sequence value, so they look random but
 * can never collide.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/sortsupport.h"

#include "errcodes.h"
#include "mpt_id.h"

PG_FUNCTION_INFO_V1(mpt_id_in);
PG_FUNCTION_INFO_V1(mpt_id_out);
PG_FUNCTION_INFO_V1(mpt_id_recv);
PG_FUNCTION_INFO_V1(mpt_id_send);
PG_FUNCTION_INFO_V1(mpt_id_eq);
PG_FUNCTION_INFO_V1(mpt_id_ne);
PG_FUNCTION_INFO_V1(mpt_id_lt);
PG_FUNCTION_INFO_V1(mpt_id_le);
PG_FUNCTION_INFO_V1(mpt_id_gt);
PG_FUNCTION_INFO_V1(mpt_id_ge);
PG_FUNCTION_INFO_V1(mpt_id_cmp);
PG_FUNCTION_INFO_V1(mpt_id_sortsupport);
PG_FUNCTION_INFO_V1(mpt_id_hash);
PG_FUNCTION_INFO_V1(mpt_id_hash_extended);
PG_FUNCTION_INFO_V1(mpt_id_prefix);
PG_FUNCTION_INFO_V1(mpt_id_groups);
PG_FUNCTION_INFO_V1(mpt_id_child);
PG_FUNCTION_INFO_V1(mpt_id_generate);
PG_FUNCTION_INFO_V1(mpt_id_to_json);
PG_FUNCTION_INFO_V1(mpt_id_to_jsonb);

/* Version byte of the binary format; recv rejects anything else. */
#define MPT_ID_BINARY_VERSION	0

/* Longest literal echoed back in an error message. */
#define MPT_ID_ECHO_MAX			40

static const uint64 pow10_table[] = {
	UINT64CONST(1), UINT64CONST(10), UINT64CONST(100), UINT64CONST(1000),
	UINT64CONST(10000), UINT64CONST(100000), UINT64CONST(1000000),
	UINT64CONST(10000000), UINT64CONST(100000000), UINT64CONST(1000000000),
	UINT64CONST(10000000000), UINT64CONST(100000000000),
	UINT64CONST(1000000000000), UINT64CONST(10000000000000),
	UINT64CONST(100000000000000), UINT64CONST(1000000000000000),
	UINT64CONST(10000000000000000)
};

/* Scale that left-aligns n groups into the 16-digit field. */
static inline uint64
align_scale(int ngroups)
{
	return pow10_table[MPT_ID_GROUP_DIGITS * (MPT_ID_MAX_GROUPS - ngroups)];
}

/* A printable, bounded copy of a bad literal for error messages. */
static char *
echo_literal(const char *str, size_t len)
{
	if (len <= MPT_ID_ECHO_MAX)
		return pnstrdup(str, len);
	return psprintf("%s...", pnstrdup(str, MPT_ID_ECHO_MAX));
}

static void
reject_literal(const char *str, size_t len, const char *detail)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_ID),
			 errmsg("invalid input syntax for type mpt_id: \"%s\"",
					echo_literal(str, len)),
			 errdetail("%s", detail),
			 errhint("A marketplace id is three upper-case letters followed by two to four groups of four digits, e.g. \"PRG-1234-5678\".")));
}

static inline bool
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static uint16
pack_prefix(const char *p)
{
	return (uint16) (((p[0] - 'A') << 10) | ((p[1] - 'A') << 5) | (p[2] - 'A'));
}

static void
unpack_prefix(uint16 packed, char *out)
{
	out[0] = 'A' + ((packed >> 10) & 0x1f);
	out[1] = 'A' + ((packed >> 5) & 0x1f);
	out[2] = 'A' + (packed & 0x1f);
}

/*
 * Parse and validate a literal of exactly len bytes.  Every rejection names
 * the literal and says in errdetail which rule it broke.
 */
MptId *
mpt_id_parse(const char *str, size_t len)
{
	MptId	   *id;
	uint64		digits = 0;
	int			ngroups = 0;
	size_t		pos;

	if (len == 0)
		reject_literal(str, len, "The value is empty.");
	if (len > MPT_ID_MAX_TEXT_LEN)
		reject_literal(str, len, "The value is longer than the longest marketplace id (23 characters).");
	if (len < 3 || !is_upper(str[0]) || !is_upper(str[1]) || !is_upper(str[2]))
		reject_literal(str, len, "The prefix must be three upper-case letters A-Z.");

	pos = 3;
	while (pos < len)
	{
		int			i;

		if (str[pos] != '-')
			reject_literal(str, len, "The prefix and each group of digits must be followed by \"-\" and a group of four digits.");
		pos++;
		if (ngroups == MPT_ID_MAX_GROUPS)
			reject_literal(str, len, "An id has at most four groups of digits.");
		for (i = 0; i < MPT_ID_GROUP_DIGITS; i++)
		{
			if (pos + i >= len || !is_digit(str[pos + i]))
				reject_literal(str, len, "Each group must be exactly four digits 0-9.");
			digits = digits * 10 + (uint64) (str[pos + i] - '0');
		}
		pos += MPT_ID_GROUP_DIGITS;
		ngroups++;
	}
	if (ngroups < MPT_ID_MIN_GROUPS)
		reject_literal(str, len, "An id has at least two groups of digits.");

	id = (MptId *) palloc0(sizeof(MptId));
	id->prefix = pack_prefix(str);
	id->ngroups = (uint8) ngroups;
	id->digits = digits * align_scale(ngroups);
	return id;
}

char *
mpt_id_to_cstring(const MptId *id)
{
	char	   *out = palloc(MPT_ID_MAX_TEXT_LEN + 1);
	uint64		digits = id->digits / align_scale(id->ngroups);
	char	   *p;
	int			g;

	unpack_prefix(id->prefix, out);
	p = out + 3 + id->ngroups * (1 + MPT_ID_GROUP_DIGITS);
	*p = '\0';
	for (g = 0; g < id->ngroups; g++)
	{
		int			i;

		for (i = 0; i < MPT_ID_GROUP_DIGITS; i++)
		{
			*--p = '0' + (char) (digits % 10);
			digits /= 10;
		}
		*--p = '-';
	}
	return out;
}

/* Build an id from a prefix and the plain (right-aligned) digit value. */
MptId *
mpt_id_make(const char *prefix, int ngroups, uint64 value)
{
	MptId	   *id;

	Assert(ngroups >= MPT_ID_MIN_GROUPS && ngroups <= MPT_ID_MAX_GROUPS);
	Assert(value < pow10_table[MPT_ID_GROUP_DIGITS * ngroups]);
	id = (MptId *) palloc0(sizeof(MptId));
	id->prefix = pack_prefix(prefix);
	id->ngroups = (uint8) ngroups;
	id->digits = value * align_scale(ngroups);
	return id;
}

/* Order of the text form: prefix, then digits left to right, shorter first. */
int
mpt_id_compare(const MptId *a, const MptId *b)
{
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	if (a->digits != b->digits)
		return a->digits < b->digits ? -1 : 1;
	if (a->ngroups != b->ngroups)
		return a->ngroups < b->ngroups ? -1 : 1;
	return 0;
}

Datum
mpt_id_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_MPT_ID_P(mpt_id_parse(str, strlen(str)));
}

Datum
mpt_id_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(mpt_id_to_cstring(PG_GETARG_MPT_ID_P(0)));
}

/*
 * Binary format: version byte, three prefix letters, group count, then the
 * left-aligned digits as int64.  recv re-validates every field with the same
 * rules as text input: a binary COPY cannot smuggle in an id that text input
 * would refuse.
 */
Datum
mpt_id_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	char		prefix[3];
	int			ngroups;
	uint64		digits;
	MptId	   *id;
	int			i;

	if (version != MPT_ID_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_BINARY),
				 errmsg("unsupported binary format version %d for type mpt_id", version)));
	for (i = 0; i < 3; i++)
	{
		prefix[i] = (char) pq_getmsgbyte(buf);
		if (!is_upper(prefix[i]))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_BINARY),
					 errmsg("invalid binary mpt_id: prefix byte %d is not an upper-case letter", i + 1)));
	}
	ngroups = pq_getmsgbyte(buf);
	if (ngroups < MPT_ID_MIN_GROUPS || ngroups > MPT_ID_MAX_GROUPS)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_BINARY),
				 errmsg("invalid binary mpt_id: %d groups of digits", ngroups),
				 errdetail("An id has two to four groups of digits.")));
	digits = (uint64) pq_getmsgint64(buf);
	if (digits >= pow10_table[16] || digits % align_scale(ngroups) != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_BINARY),
				 errmsg("invalid binary mpt_id: digit value out of range")));

	id = (MptId *) palloc0(sizeof(MptId));
	id->prefix = pack_prefix(prefix);
	id->ngroups = (uint8) ngroups;
	id->digits = digits;
	PG_RETURN_MPT_ID_P(id);
}

Datum
mpt_id_send(PG_FUNCTION_ARGS)
{
	MptId	   *id = PG_GETARG_MPT_ID_P(0);
	StringInfoData buf;
	char		prefix[3];

	unpack_prefix(id->prefix, prefix);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, MPT_ID_BINARY_VERSION);
	pq_sendbytes(&buf, prefix, 3);
	pq_sendbyte(&buf, id->ngroups);
	pq_sendint64(&buf, (int64) id->digits);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define MPT_ID_CMP_FN(name, op) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(mpt_id_compare(PG_GETARG_MPT_ID_P(0), PG_GETARG_MPT_ID_P(1)) op 0); \
}

MPT_ID_CMP_FN(mpt_id_eq, ==)
MPT_ID_CMP_FN(mpt_id_ne, !=)
MPT_ID_CMP_FN(mpt_id_lt, <)
MPT_ID_CMP_FN(mpt_id_le, <=)
MPT_ID_CMP_FN(mpt_id_gt, >)
MPT_ID_CMP_FN(mpt_id_ge, >=)

Datum
mpt_id_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(mpt_id_compare(PG_GETARG_MPT_ID_P(0), PG_GETARG_MPT_ID_P(1)));
}

static int
mpt_id_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	return mpt_id_compare(DatumGetMptIdP(a), DatumGetMptIdP(b));
}

Datum
mpt_id_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = mpt_id_fastcmp;
	PG_RETURN_VOID();
}

/*
 * The hash covers the whole 16-byte struct, reserved bytes included (always
 * zero), so it depends only on the value.  hash_bytes is PostgreSQL's stable
 * hash; never change this function: rows already placed by it would move.
 */
Datum
mpt_id_hash(PG_FUNCTION_ARGS)
{
	MptId	   *id = PG_GETARG_MPT_ID_P(0);

	PG_RETURN_UINT32(hash_bytes((const unsigned char *) id, sizeof(MptId)));
}

Datum
mpt_id_hash_extended(PG_FUNCTION_ARGS)
{
	MptId	   *id = PG_GETARG_MPT_ID_P(0);
	uint64		seed = (uint64) PG_GETARG_INT64(1);

	PG_RETURN_UINT64(hash_bytes_extended((const unsigned char *) id,
										 sizeof(MptId), seed));
}

Datum
mpt_id_prefix(PG_FUNCTION_ARGS)
{
	MptId	   *id = PG_GETARG_MPT_ID_P(0);
	char		prefix[3];

	unpack_prefix(id->prefix, prefix);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(prefix, 3));
}

Datum
mpt_id_groups(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_MPT_ID_P(0)->ngroups);
}

/* Check a prefix argument given as text: three upper-case letters. */
static const char *
checked_prefix(text *t)
{
	const char *p = VARDATA_ANY(t);

	if (VARSIZE_ANY_EXHDR(t) != 3 || !is_upper(p[0]) || !is_upper(p[1]) || !is_upper(p[2]))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid mpt_id prefix \"%s\"",
						echo_literal(p, VARSIZE_ANY_EXHDR(t))),
				 errdetail("A prefix is three upper-case letters A-Z.")));
	return p;
}

/*
 * mpt_id_child(parent, prefix, seq): the id of the seq-th child of parent,
 * e.g. (PRG-9643-3741, 'PPM', 1) -> PPM-9643-3741-0001.  The per-parent
 * sequence itself is kept by the caller under the parent's row lock.
 */
Datum
mpt_id_child(PG_FUNCTION_ARGS)
{
	MptId	   *parent = PG_GETARG_MPT_ID_P(0);
	const char *prefix = checked_prefix(PG_GETARG_TEXT_PP(1));
	int32		seq = PG_GETARG_INT32(2);
	uint64		value;

	if (parent->ngroups >= MPT_ID_MAX_GROUPS)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("id %s cannot have child ids", mpt_id_to_cstring(parent)),
				 errdetail("A child id adds a group of digits and an id has at most four groups.")));
	if (seq < 1 || seq > 9999)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("child number %d of %s is out of range", seq, mpt_id_to_cstring(parent)),
				 errdetail("An object has at most 9999 children of one kind, numbered from 1.")));
	value = (parent->digits / align_scale(parent->ngroups)) * 10000 + (uint64) seq;
	PG_RETURN_MPT_ID_P(mpt_id_make(prefix, parent->ngroups + 1, value));
}

/* splitmix64 finaliser: a fixed, well-mixed round function for the permutation. */
static inline uint64
mix64(uint64 x)
{
	x += UINT64CONST(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

/*
 * A balanced Feistel network over [0, half^2), half = 10^(2 * ngroups): a
 * bijection, so distinct sequence values always give distinct ids.  The round
 * keys are fixed forever; changing them would let new ids collide with old.
 */
static uint64
permute(uint64 x, uint64 half, uint16 prefix)
{
	uint64		left = x / half;
	uint64		right = x % half;
	int			round;

	for (round = 0; round < 4; round++)
	{
		uint64		f = mix64(right ^ ((uint64) prefix << 48) ^ ((uint64) round << 40)) % half;
		uint64		next = (left + f) % half;

		left = right;
		right = next;
	}
	return left * half + right;
}

/*
 * mpt_id_generate(prefix, ngroups, seq): a random-looking root id for the
 * seq-th object, e.g. ('ENR', 3, nextval(...)).  The all-zero id is kept free
 * (tests and clients use PRG-0000-0000 as a guaranteed "not found"): the one
 * sequence value that would map to it takes the image of 0 instead, which no
 * sequence value (they start at 1) ever uses.
 */
Datum
mpt_id_generate(PG_FUNCTION_ARGS)
{
	const char *prefix = checked_prefix(PG_GETARG_TEXT_PP(0));
	int32		ngroups = PG_GETARG_INT32(1);
	int64		seq = PG_GETARG_INT64(2);
	uint64		space;
	uint64		half;
	uint64		value;
	uint16		packed;

	if (ngroups < MPT_ID_MIN_GROUPS || ngroups > MPT_ID_MAX_GROUPS)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("an id has two to four groups of digits, not %d", ngroups)));
	space = pow10_table[MPT_ID_GROUP_DIGITS * ngroups];
	half = pow10_table[2 * ngroups];
	if (seq < 1 || (uint64) seq >= space)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("sequence value " INT64_FORMAT " is outside the id space of prefix %.3s", seq, prefix),
				 errdetail("Ids with %d groups have room for " UINT64_FORMAT " objects.", ngroups, space - 1)));
	packed = pack_prefix(prefix);
	value = permute((uint64) seq, half, packed);
	if (value == 0)
		value = permute(0, half, packed);
	PG_RETURN_MPT_ID_P(mpt_id_make(prefix, ngroups, value));
}

/*
 * Casts to json and jsonb: the id as a JSON string.  The text form is only
 * letters, digits and "-", so it needs no escaping.
 */
Datum
mpt_id_to_json(PG_FUNCTION_ARGS)
{
	char	   *str = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(0));
	size_t		len = strlen(str);
	text	   *result = (text *) palloc(VARHDRSZ + len + 2);
	char	   *p = VARDATA(result);

	SET_VARSIZE(result, VARHDRSZ + len + 2);
	p[0] = '"';
	memcpy(p + 1, str, len);
	p[len + 1] = '"';
	PG_RETURN_TEXT_P(result);
}

Datum
mpt_id_to_jsonb(PG_FUNCTION_ARGS)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(0));
	v.val.string.len = (int) strlen(v.val.string.val);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(&v));
}
