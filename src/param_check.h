/*
 * param_check.h
 *		Pure C validation core for program parameters: definitions (type,
 *		constraints, options) and values.
 *
 * This unit uses only the C library and jansson.  It never includes
 * postgres.h, never calls the server, keeps no global mutable state, never
 * allocates memory itself (pc_def_copy uses the caller's allocator; jansson
 * allocates inside pc_parse_document, pc_def_copy (json_dumpb) and when a
 * DataObject value is JSON text), never aborts, and reads every
 * string through an explicit length (json_string_length), so values holding
 * an embedded NUL (possible when a tree was built with JSON_ALLOW_NUL or
 * json_stringn) are rejected instead of being cut short.  The same file is
 * compiled into the extension by PGXS and into the standalone unit test and
 * libFuzzer harness under test/fuzz/.  Every external symbol starts with
 * pc_ / Pc / PC_.
 *
 * Typical use (the PostgreSQL glue):
 *
 *		PcParamDef def;
 *		pc_def_init(&def, type);                      -- type from pc_type_from_name
 *		def.id = ...; def.name = ...; def.phase = ...;
 *		pc_parse_constraints(definition_constraints, &def, &err);
 *		pc_parse_options(type, options, &re, &def, &err);  -- on create/update
 *		pc_def_copy(&def, &cached, alloc, ctx);       -- into a long-lived context
 *		...
 *		PcParamDef eff = cached;                      -- shallow copy per use
 *		pc_parse_constraints(instance_constraints, &eff, &err);  -- overrides
 *		pc_check_value(&eff, value, &re, &err);       -- per enrollment parameter
 *
 * A shallow struct copy of a pc_def_copy result shares its block: free only
 * cached.pc_block, once.
 *
 * Lifetime: after pc_parse_options every pointer in PcParamDef that came from
 * the options tree (pattern, domainSuffix, defaultValue, optionsListJson) is
 * BORROWED from that tree and is valid only while the tree is alive;
 * id / externalId / name are whatever the caller stored there.  pc_def_copy
 * makes a self-contained copy in ONE block obtained from a caller-supplied
 * allocator (e.g. palloc in a cache context): strings are copied with a
 * terminating NUL, the options list becomes a PcOption array, and the
 * defaultValue is kept as its compact JSON text (defaultJson) because a
 * json_t cannot outlive the jansson allocator context; the copy has
 * defaultValue == NULL and optionsListJson == NULL.  Freeing the block
 * (dst->pc_block) frees everything.
 *
 * Decisions (the brief left them open; reasons in brackets):
 *	- pc_parse_options takes the regex ops too (it must compile `pattern`);
 *	  with re == NULL the pattern is only length/NUL checked and the check of
 *	  defaultValue against it is skipped.  pc_check_value with re == NULL and a
 *	  pattern set FAILS CLOSED with PRM0023.
 *	- Options keys are case-sensitive.  Besides the documented keys per type,
 *	  every type accepts `name` (string) and `type` (string that must equal the
 *	  parameter type name) [the official Python client sends both inside
 *	  options].  A null option value means "not set".  Heading accepts only
 *	  those two.  `description` is accepted for DropDown only, as documented.
 *	- Missing value: a NULL pointer or JSON null.  Empty value: a string that
 *	  is empty or ASCII-whitespace-only, an empty array or object; for
 *	  Address, Contact and Date also an object whose members are all empty
 *	  [a cleared form].  Missing or empty => PRM0001 when required, else OK
 *	  without further checks.  Heading: JSON null / missing is OK, anything
 *	  else is PRM0022, whatever the constraints say.
 *	- Only `required` is enforced here.  hidden, readonly and unique are
 *	  carried for the glue (readonly needs the stored value, unique needs the
 *	  table).
 *	- Lengths are counted in Unicode code points.  Every string value (and
 *	  each Address/Contact field) is capped at PC_MAX_VALUE_CHARS, except the
 *	  payload of a DataObject (an XML string, strings inside a JSON object),
 *	  which is bounded by PC_MAX_VALUE_BYTES only.  A value's compact JSON
 *	  serialisation must not exceed PC_MAX_VALUE_BYTES; containers may nest
 *	  at most PC_MAX_DEPTH deep (XML elements too).
 *	- Characters: invalid UTF-8 or NUL anywhere in a value (keys included)
 *	  is PRM0005.  Text values additionally reject C0 control characters other
 *	  than TAB, LF, CR; SingleLineText and Address/Contact fields also reject
 *	  LF and CR (PRM0009 for SingleLineText, PRM0005 for fields).
 *	- pattern: full match of the whole value, in the dialect of the plugged
 *	  engine (PostgreSQL ARE in the backend, POSIX ERE in the tests).  Length
 *	  capped at PC_MAX_PATTERN_BYTES bytes.  Back-references are refused
 *	  (OPT0021; the engine tells, full_match returns -2): they turn the
 *	  engine into a backtracking matcher whose time on a few hundred
 *	  characters can reach minutes.
 *	- Email: ASCII addr-spec only: dot-atom local part (no quoted strings, no
 *	  comments), '@', a DNS name of >= 2 labels (letters/digits/hyphen, 1..63
 *	  each, no edge hyphen), TLD letters only (>= 2) or an "xn--" A-label; no
 *	  domain literals, no SMTPUTF8.  Local part <= 64, domain <= 255 (in
 *	  practice 252) and whole address <= 254 octets.  Case is preserved and
 *	  accepted.
 *	- Subdomain: exactly one DNS label, 1..63 chars of [a-z0-9-], no leading
 *	  or trailing hyphen, no dot.  Upper case is REJECTED rather than folded
 *	  [the value is stored as typed; folding would make "Contoso" and
 *	  "contoso" distinct values of one DNS name].  With a domainSuffix the
 *	  full name label + "." + suffix must also fit in 253 octets.
 *	- domainSuffix option: a DNS name of >= 1 lower-case labels, no leading
 *	  or trailing dot, TLD as for Email.
 *	- Address: keys addressLine1, addressLine2 (optional, may be null/empty),
 *	  city, state, postCode, country; all strings; no other keys ("postalCode"
 *	  from one DOCS example is rejected: the SPEC schema says postCode).
 *	  country: two upper-case ASCII letters (shape of ISO 3166-1 alpha-2; the
 *	  assigned-code list is not checked).
 *	- Contact: keys firstName, lastName, email, phone; the first three are
 *	  required strings, email must pass the Email rule.  phone is an object
 *	  {prefix, number}; it is required only when phoneMandatory; when not
 *	  mandatory an absent, null or all-empty phone is fine, a partial one is
 *	  not.  prefix: "+" and 1..4 digits.  number: digits, optionally split by
 *	  single spaces or hyphens (no leading/trailing separator), 4..14 digits,
 *	  and prefix digits + number digits <= 15 (E.164).
 *	- Date: "YYYY-MM-DD" exactly, year 0001..9999, proleptic Gregorian
 *	  calendar (leap years: /4 except /100 unless /400).  Value
 *	  {"date": d} or, with dateRange, {"start": d, "end": d} with
 *	  start <= end; no other keys; every date within min/maxAvailableDate
 *	  (inclusive) when set.
 *	- DataObject: objectType defaults to Json.  Json: an object or array
 *	  (depth <= PC_MAX_DEPTH), or a string holding the JSON text of one
 *	  (any JSON text that parses; parsed with JSON_REJECT_DUPLICATES, same
 *	  depth limit, jansson allocates and frees a temporary tree).  Xml: a
 *	  string checked by a small well-formedness scanner (below).
 *	- Options: "" for pattern, domainSuffix, minAvailableDate,
 *	  maxAvailableDate means "not set"; an empty defaultValue ("", [], {})
 *	  means "no default" (defaultValue left NULL).
 *	- XML scanner limits: optional UTF-8 BOM and XML declaration (only at the
 *	  very start); comments, processing instructions, CDATA sections (inside
 *	  the root only); exactly one root element; start/end tags must match
 *	  (element depth <= PC_MAX_DEPTH); attributes need a preceding space,
 *	  '=', and a quoted value without '<'; entity references limited to the
 *	  five predefined ones and numeric references to legal XML characters;
 *	  text outside the root must be whitespace; "]]>" is not allowed in
 *	  text.  NOT checked: duplicate attribute names, namespace prefixes are
 *	  declared, the full Unicode NameChar tables (any non-ASCII byte is a name
 *	  character), encoding declarations.  DOCTYPE and any other <!...>
 *	  declaration are REJECTED (no DTDs, so no entity expansion).
 *	- Document depth: pc_parse_document allows PC_MAX_DOC_DEPTH (= PC_MAX_DEPTH
 *	  + 16) so that a DataObject value of the maximum depth still fits inside
 *	  an enrollment body; values themselves are held to PC_MAX_DEPTH.
 *	- Error ids: PRMnnnn value errors, OPTnnnn definition (options and
 *	  constraints) errors, DOCnnnn document errors (added: the brief had no
 *	  prefix for them), ENR0001 enrollment summary.
 *
 * ERROR TABLE (id, meaning, example message).  Messages are sentence case and
 * end with a period; they are shown to marketplace users.  Messages may quote
 * option names, field names, limits, option keys and optionsList entries
 * (definition data); they never quote a parameter value.
 *
 *	id       meaning                                   example message
 *	-------  ----------------------------------------  -----------------------------------------------
 *	PRM0001  required value missing or empty           Value is required.
 *	PRM0002  wrong JSON type for the parameter type    Value must be a string.
 *	PRM0003  serialized value over PC_MAX_VALUE_BYTES  Value is too large (limit 65536 bytes).
 *	PRM0004  nested deeper than PC_MAX_DEPTH           Value is nested too deeply (limit 32 levels).
 *	PRM0005  NUL, invalid UTF-8 or control character   Value contains invalid characters.
 *	PRM0006  shorter than minChar                      Value must be at least 5 characters long.
 *	PRM0007  longer than maxChar / PC_MAX_VALUE_CHARS  Value must be at most 10 characters long.
 *	PRM0008  does not fully match `pattern`            Value does not match the required format.
 *	PRM0009  line break in SingleLineText              Value must be a single line of text.
 *	PRM0010  not a valid email address                 Value is not a valid email address.
 *	PRM0011  not a valid subdomain label               Subdomain must not contain a dot.
 *	PRM0012  not one of the optionsList values         Value is not one of the allowed options.
 *	PRM0013  Checkbox selection repeats a value        Value contains the same option more than once.
 *	PRM0014  required field of an object missing       Field 'city' is required.
 *	PRM0015  field not allowed in the object           Field 'postalCode' is not allowed.
 *	PRM0016  country not a 2-letter upper-case code    Field 'country' must be a two-letter ISO 3166-1 country code.
 *	PRM0017  invalid phone prefix or number            Phone number must contain 4 to 14 digits.
 *	PRM0018  not a real YYYY-MM-DD date                Field 'date' must be a valid date in YYYY-MM-DD format.
 *	PRM0019  date range start after end                Start date must not be after end date.
 *	PRM0020  date outside min/maxAvailableDate         Date must be on or after 2025-01-01.
 *	PRM0021  XML payload not well-formed               Value is not well-formed XML: unclosed element.
 *	PRM0022  value given for a Heading                 Heading parameters do not take a value.
 *	PRM0023  pattern cannot be evaluated               The parameter's pattern cannot be evaluated.
 *	PRM0024  invalid definition passed (internal)      Parameter definition is invalid.
 *	PRM0025  DataObject/Json string: not object/array  Value is not a valid JSON object or array.
 *	-- added by the PostgreSQL glue (param_glue.h), never produced by this file:
 *	PRM0026  readonly value changed by the client      Value is read-only and cannot be changed.
 *	PRM0027  unique value held elsewhere in program    Value is already used by another enrollment or certificate of this program.
 *	PRM0028  unknown / deleted / hidden parameter id   Parameter is not defined for this program.
 *	PRM0029  parameter id repeated in the document     Parameter appears more than once.
 *	PRM0030  parameter in the other phase's list       Parameter belongs to the ordering parameters.
 *	PRM0031  client sent a fulfillment value           Fulfillment parameters are filled in by the vendor.
 *	OPT0001  options / constraints not an object       Options must be an object.
 *	OPT0002  option key not supported for the type     Option 'pattern' is not supported for type Email.
 *	OPT0003  option has the wrong JSON type            Option 'minChar' must be an integer.
 *	OPT0004  minChar (0..4000) / maxChar (1..4000)     Option 'maxChar' must be between 1 and 4000.
 *	OPT0005  minChar greater than maxChar              Option 'minChar' must not be greater than 'maxChar'.
 *	OPT0006  pattern too long or bad characters        Option 'pattern' must be at most 256 bytes long.
 *	OPT0007  pattern does not compile                  Option 'pattern' is not a valid regular expression: ...
 *	OPT0008  optionsList missing or empty              Option 'optionsList' must contain at least one option.
 *	OPT0009  optionsList item malformed                Option 'optionsList' item 2 must have a non-empty 'label'.
 *	OPT0010  optionsList value or label repeated       Option 'optionsList' repeats the value 'gold'.
 *	OPT0011  optionsList longer than PC_MAX_OPTIONS    Option 'optionsList' must contain at most 500 options.
 *	OPT0012  defaultValue not a valid value            Option 'defaultValue' is invalid: value must be a string.
 *	OPT0013  date option not a real YYYY-MM-DD date    Option 'minAvailableDate' must be a valid date in YYYY-MM-DD format.
 *	OPT0014  minAvailableDate after maxAvailableDate   Option 'minAvailableDate' must not be after 'maxAvailableDate'.
 *	OPT0015  domainSuffix not a valid DNS name         Option 'domainSuffix' must be a valid lower-case domain name.
 *	OPT0016  objectType not Json or Xml                Option 'objectType' must be Json or Xml.
 *	OPT0017  text option too long or bad characters    Option 'hintText' must be at most 4000 characters long.
 *	OPT0018  unknown parameter type                    Parameter type is not supported.
 *	OPT0019  constraints key unknown or not boolean    Constraint 'unique' must be a boolean.
 *	OPT0020  options.type differs from the type        Option 'type' must be SingleLineText.
 *	OPT0021  pattern uses back-references              Option 'pattern' must not contain back-references.
 *	OPT0022  pattern uses lookahead or lookbehind      Option 'pattern' must not contain lookahead or lookbehind constraints.
 *	DOC0001  document larger than max_len              Document is too large (limit 1048576 bytes).
 *	DOC0002  not JSON / duplicate key / bad UTF-8      Invalid JSON: duplicate object key at line 1, column 15.
 *	DOC0003  nested deeper than PC_MAX_DOC_DEPTH       Document is nested too deeply (limit 48 levels).
 *	ENR0001  enrollment-level summary (set by glue)    Enrollment has invalid parameters
 *	         (exact DOCS text, no period; never produced by this file)
 */
#ifndef ENROLLMENT_PARAM_CHECK_H
#define ENROLLMENT_PARAM_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* ---------- limits ---------- */

#define PC_MAX_VALUE_CHARS		4000	/* code points per string value */
#define PC_MAX_VALUE_BYTES		65536	/* compact JSON size of one value */
#define PC_MAX_DEPTH			32		/* container (and XML element) depth of a value */
#define PC_MAX_DOC_DEPTH		(PC_MAX_DEPTH + 16)	/* pc_parse_document */
#define PC_MAX_PATTERN_BYTES	256		/* options.pattern */
#define PC_MAX_OPTIONS			500		/* options.optionsList entries */

/* ---------- error ids ---------- */

#define PC_ERR_REQUIRED			"PRM0001"	/* required value missing/empty */
#define PC_ERR_TYPE				"PRM0002"	/* wrong JSON type */
#define PC_ERR_TOO_LARGE		"PRM0003"	/* over PC_MAX_VALUE_BYTES */
#define PC_ERR_TOO_DEEP			"PRM0004"	/* over PC_MAX_DEPTH */
#define PC_ERR_BAD_CHARS		"PRM0005"	/* NUL, bad UTF-8, control chars */
#define PC_ERR_TOO_SHORT		"PRM0006"	/* below minChar */
#define PC_ERR_TOO_LONG			"PRM0007"	/* above maxChar / hard cap */
#define PC_ERR_PATTERN			"PRM0008"	/* pattern mismatch */
#define PC_ERR_MULTILINE		"PRM0009"	/* newline in SingleLineText */
#define PC_ERR_EMAIL			"PRM0010"	/* invalid email */
#define PC_ERR_SUBDOMAIN		"PRM0011"	/* invalid subdomain label */
#define PC_ERR_NOT_OPTION		"PRM0012"	/* not in optionsList */
#define PC_ERR_DUPLICATE		"PRM0013"	/* Checkbox duplicate */
#define PC_ERR_FIELD_REQUIRED	"PRM0014"	/* object field missing/empty */
#define PC_ERR_FIELD_UNKNOWN	"PRM0015"	/* object field not allowed */
#define PC_ERR_COUNTRY			"PRM0016"	/* country code shape */
#define PC_ERR_PHONE			"PRM0017"	/* phone prefix/number */
#define PC_ERR_DATE				"PRM0018"	/* not a real YYYY-MM-DD date */
#define PC_ERR_DATE_ORDER		"PRM0019"	/* start after end */
#define PC_ERR_DATE_WINDOW		"PRM0020"	/* outside available dates */
#define PC_ERR_XML				"PRM0021"	/* XML not well-formed */
#define PC_ERR_HEADING			"PRM0022"	/* Heading given a value */
#define PC_ERR_PATTERN_EVAL		"PRM0023"	/* pattern unusable at check time */
#define PC_ERR_BAD_DEF			"PRM0024"	/* bad definition (internal) */
#define PC_ERR_JSON_TEXT		"PRM0025"	/* DataObject JSON text invalid */

#define PC_ERR_OPT_NOT_OBJECT	"OPT0001"	/* options/constraints not an object */
#define PC_ERR_OPT_UNKNOWN		"OPT0002"	/* key not supported for type */
#define PC_ERR_OPT_TYPE			"OPT0003"	/* wrong JSON type */
#define PC_ERR_OPT_RANGE		"OPT0004"	/* minChar/maxChar out of range */
#define PC_ERR_OPT_MIN_MAX		"OPT0005"	/* minChar > maxChar */
#define PC_ERR_OPT_PATTERN_LEN	"OPT0006"	/* pattern too long / bad chars */
#define PC_ERR_OPT_PATTERN		"OPT0007"	/* pattern does not compile */
#define PC_ERR_OPT_LIST_EMPTY	"OPT0008"	/* optionsList missing/empty */
#define PC_ERR_OPT_LIST_ITEM	"OPT0009"	/* optionsList item malformed */
#define PC_ERR_OPT_LIST_DUP		"OPT0010"	/* optionsList value/label repeated */
#define PC_ERR_OPT_LIST_LONG	"OPT0011"	/* optionsList too long */
#define PC_ERR_OPT_DEFAULT		"OPT0012"	/* defaultValue invalid */
#define PC_ERR_OPT_DATE			"OPT0013"	/* date option invalid */
#define PC_ERR_OPT_DATE_ORDER	"OPT0014"	/* min after max available date */
#define PC_ERR_OPT_DOMAIN		"OPT0015"	/* domainSuffix invalid */
#define PC_ERR_OPT_OBJECT_TYPE	"OPT0016"	/* objectType invalid */
#define PC_ERR_OPT_TEXT			"OPT0017"	/* text option too long / bad chars */
#define PC_ERR_OPT_PARAM_TYPE	"OPT0018"	/* unknown parameter type */
#define PC_ERR_CONSTRAINT		"OPT0019"	/* constraints key/type */
#define PC_ERR_OPT_TYPE_NAME	"OPT0020"	/* options.type mismatch */
#define PC_ERR_OPT_BACKREF		"OPT0021"	/* pattern uses back-references */
#define PC_ERR_OPT_LOOKAROUND	"OPT0022"	/* pattern uses lookahead/lookbehind */

#define PC_ERR_DOC_TOO_LARGE	"DOC0001"	/* over max_len */
#define PC_ERR_DOC_INVALID		"DOC0002"	/* JSON syntax/dup key/UTF-8 */
#define PC_ERR_DOC_TOO_DEEP		"DOC0003"	/* over PC_MAX_DOC_DEPTH */

/* Enrollment-level summary used by the glue when any parameter has an error. */
#define PC_ERR_ENROLLMENT_INVALID	"ENR0001"
#define PC_MSG_ENROLLMENT_INVALID	"Enrollment has invalid parameters"

/* ---------- types ---------- */

typedef struct PcError
{
	char		id[16];			/* one of the ids above, NUL-terminated */
	char		message[256];	/* valid UTF-8, NUL-terminated */
} PcError;

typedef enum PcParamType
{
	PC_TYPE_SINGLE_LINE_TEXT = 0,	/* "SingleLineText" */
	PC_TYPE_MULTI_LINE_TEXT,	/* "MultiLineText" */
	PC_TYPE_ADDRESS,			/* "Address" */
	PC_TYPE_CONTACT,			/* "Contact" */
	PC_TYPE_CHECKBOX,			/* "Checkbox" */
	PC_TYPE_CHOICE,				/* "Choice" */
	PC_TYPE_SUBDOMAIN,			/* "Subdomain" */
	PC_TYPE_HEADING,			/* "Heading" */
	PC_TYPE_DROP_DOWN,			/* "DropDown" */
	PC_TYPE_EMAIL,				/* "Email" */
	PC_TYPE_DATA_OBJECT,		/* "DataObject" */
	PC_TYPE_DATE				/* "Date" */
} PcParamType;

#define PC_TYPE_COUNT 12

typedef enum PcPhase
{
	PC_PHASE_ORDER = 0,			/* "Order" */
	PC_PHASE_FULFILLMENT		/* "Fulfillment" */
} PcPhase;

typedef enum PcObjectType
{
	PC_OBJECT_JSON = 0,			/* "Json" */
	PC_OBJECT_XML				/* "Xml" */
} PcObjectType;

/* One optionsList entry in a copied definition (strings NUL-terminated). */
typedef struct PcOption
{
	const char *value;
	size_t		valueLen;
	const char *label;
	size_t		labelLen;
} PcOption;

typedef struct PcParamDef
{
	/* identity: set by the caller, never read by the checks */
	const char *id;
	const char *externalId;
	const char *name;
	PcParamType type;
	PcPhase		phase;

	/* effective constraints (pc_parse_constraints); only required is enforced */
	bool		hidden;
	bool		readonly;
	bool		required;
	bool		unique;

	/* parsed options; "none" is NULL / -1 / 0 */
	const char *pattern;		/* not NUL-terminated before pc_def_copy */
	size_t		patternLen;
	int			minChar;		/* -1 = none */
	int			maxChar;		/* -1 = none (PC_MAX_VALUE_CHARS applies) */
	const json_t *optionsListJson;	/* borrowed array; NULL after pc_def_copy */
	const PcOption *optionsList;	/* set by pc_def_copy */
	size_t		optionsCount;	/* entries in either representation */
	const char *domainSuffix;	/* not NUL-terminated before pc_def_copy */
	size_t		domainSuffixLen;
	bool		dateRange;
	int32_t		minAvailableDate;	/* YYYYMMDD, 0 = none */
	int32_t		maxAvailableDate;	/* YYYYMMDD, 0 = none */
	bool		phoneMandatory;
	PcObjectType objectType;
	const json_t *defaultValue; /* borrowed; NULL = none; NULL after copy */
	const char *defaultJson;	/* compact JSON of defaultValue (copy only) */
	size_t		defaultJsonLen;

	void	   *pc_block;		/* the block pc_def_copy allocated, or NULL */
} PcParamDef;

/*
 * Regex engine plugged in by the caller.  full_match returns 1 when the whole
 * subject matches, 0 when not, -1 when the pattern is invalid (a message may
 * be written to errbuf, NUL-terminated, at most errlen bytes), -2 when the
 * pattern contains back-references (refused: matching them can take
 * exponential time, and a definition's pattern runs on client input), -3
 * when it contains lookahead or lookbehind constraints (refused: nested ones
 * take polynomial time of a high degree).
 * pattern and subject are not NUL-terminated and never contain NUL.
 */
typedef struct PcRegexOps
{
	int			(*full_match) (void *arg, const char *pattern, size_t plen,
							   const char *subject, size_t slen,
							   char *errbuf, size_t errlen);
	void	   *arg;
} PcRegexOps;

/* Allocator for pc_def_copy: returns suitably aligned memory or NULL. */
typedef void *(*PcAllocFn) (void *ctx, size_t size);

/* ---------- names ---------- */

/* Exact, case-sensitive; return the enum value or -1. */
extern int	pc_type_from_name(const char *name, size_t len);
extern int	pc_phase_from_name(const char *name, size_t len);
extern int	pc_object_type_from_name(const char *name, size_t len);
/* Return the canonical name, or NULL when out of range. */
extern const char *pc_type_name(int type);
extern const char *pc_phase_name(int phase);
extern const char *pc_object_type_name(int object_type);

/* ---------- definitions ---------- */

/* Zero *def, set type, minChar = maxChar = -1, objectType Json. */
extern void pc_def_init(PcParamDef *def, PcParamType type);

/*
 * Apply a constraints object {hidden, readonly, required, unique} (each a
 * boolean or null) on top of def: keys that are present and non-null
 * overwrite, others are kept.  So call it with the definition's constraints,
 * then with an enrollment parameter's overriding constraints.  NULL or JSON
 * null is a no-op.  Other keys or types: OPT0001 / OPT0019.  0 ok, 1 error.
 */
extern int	pc_parse_constraints(const json_t *constraints, PcParamDef *def,
								 PcError *err);

/*
 * Validate the options object of a definition of the given type and store
 * the parsed options in *out (option fields are reset first; identity and
 * constraints are left alone; out->type is set).  options may be NULL or
 * JSON null (no options).  re may be NULL (pattern not compiled).  0 ok,
 * 1 error with *err filled (option fields then unspecified).
 */
extern int	pc_parse_options(PcParamType type, const json_t *options,
							 const PcRegexOps *re, PcParamDef *out,
							 PcError *err);

/*
 * Deep-copy src into *dst using ONE call alloc(ctx, size); see "Lifetime".
 * dst may equal src.  0 ok, -1 when alloc returned NULL or defaultValue could
 * not be serialised (dst untouched).
 */
extern int	pc_def_copy(const PcParamDef *src, PcParamDef *dst,
						PcAllocFn alloc, void *ctx);

/* optionsList access in either representation; 0 ok, -1 out of range. */
extern int	pc_def_option(const PcParamDef *def, size_t i,
						  const char **value, size_t *value_len,
						  const char **label, size_t *label_len);

/* Label of the option whose value equals value[0..len), or NULL. */
extern const char *pc_option_label(const PcParamDef *def, const char *value,
								   size_t len, size_t *label_len);

/* ---------- values ---------- */

/*
 * Check one value against the definition's type, options and effective
 * `required`.  value NULL means missing.  0 ok, 1 error with *err filled.
 */
extern int	pc_check_value(const PcParamDef *def, const json_t *value,
						   const PcRegexOps *re, PcError *err);

/*
 * Compact JSON size of value as jansson prints it (reals estimated with
 * %.17g), computed with early exit: the exact size when it is at most
 * PC_MAX_VALUE_BYTES, otherwise some number above PC_MAX_VALUE_BYTES;
 * SIZE_MAX when containers nest deeper than PC_MAX_DEPTH.  NULL counts as
 * "null" (4).
 */
extern size_t pc_value_size(const json_t *value);

/* ---------- helpers also useful to the glue ---------- */

/* Unicode code points in a UTF-8 string (continuation bytes not counted). */
extern size_t pc_utf8_length(const char *s, size_t len);

/* Strict UTF-8 (no overlongs, surrogates or > U+10FFFF); 1 valid, 0 not. */
extern int	pc_utf8_valid(const char *s, size_t len);

/* "YYYY-MM-DD", real date, year 1..9999 => *out = YYYYMMDD, return 0; else -1. */
extern int	pc_date_parse(const char *s, size_t len, int32_t *out);

/* 1 when s[0..len) is a valid email address under the rules above, else 0. */
extern int	pc_email_valid(const char *s, size_t len);

/* ---------- documents ---------- */

/*
 * Parse buf[0..len) (not NUL-terminated) as one JSON value of any kind.
 * len > max_len is DOC0001 without parsing.  Parsing uses
 * JSON_REJECT_DUPLICATES (no JSON_ALLOW_NUL); errors are DOC0002 with
 * jansson's text, line and column; nesting deeper than PC_MAX_DOC_DEPTH is
 * DOC0003.  0 ok with *out a new reference the caller must json_decref;
 * 1 error with *out = NULL.
 */
extern int	pc_parse_document(const char *buf, size_t len, size_t max_len,
							  json_t **out, PcError *err);

#endif							/* ENROLLMENT_PARAM_CHECK_H */
