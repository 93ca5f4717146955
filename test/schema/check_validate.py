#!/usr/bin/python3
"""Check POST /enrollments/validate against the seed's OpenAPI document itself.

The seed (test/fixtures/seed-validate-openapi.json) declares the request body
and the 200 answer as #/components/schemas/Enrollment.  This program converts
that OpenAPI 3.0 schema to JSON Schema (draft 4, what OpenAPI 3.0 builds on)
and, through psql against the database test/schema/setup.sql filled:

  (a) answers: every document the endpoint returns for a corpus of requests
      (the seed request, documents carrying errors, every parameter type, each
      actor, a pre-validation hook, one document per schema property) must be
      valid against the Enrollment schema;
  (b) refusals: for every property of every schema reachable from Enrollment,
      documents broken in one way (an unknown key, a wrong JSON type, a null,
      a value outside the enum, a length outside the bounds, a missing
      required key, a bad array item) must be refused by the JSON Schema AND
      answered 22023 "invalid enrollment document" by the server with that
      path as the error's column; and one valid document per property must be
      accepted by both.

The cases are generated from the seed, not from the C table
(src/enrollment_schema.c), so the table cannot drift from the seed unseen.

Environment: PGHOST, PGPORT, PGUSER as for psql; SCHEMA_CHECK_DB the database.
Prints one line per failure, a summary per part, then "N passed, N failed";
exits 1 on any failure.
"""
import base64
import copy
import json
import os
import re
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPENAPI = os.path.join(ROOT, "test", "fixtures", "seed-validate-openapi.json")
SEED_SQL = os.path.join(ROOT, "test", "fixtures", "api_validate_seed.sql")
DB = os.environ.get("SCHEMA_CHECK_DB", "enrollment_schema_check")

CLIENT = ("ACC-2000-0001", "USR-2000-0001")
OPERATIONS = ("ACC-3000-0001", "USR-3000-0001")
PROGRAM = "PRG-1000-0001"


# ---------- OpenAPI 3.0 -> JSON Schema ----------

def convert(node):
    """An OpenAPI 3.0 Schema Object as JSON Schema draft 4.

    nullable: true adds "null" to type (and null to an enum, as the C checker
    reads a nullable enum); a schema without type stays "anything"; $ref
    points into definitions; allOf of a single $ref stays as it is.
    """
    if isinstance(node, list):
        return [convert(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref":
            out[key] = value.replace("#/components/schemas/", "#/definitions/")
        elif key == "nullable":
            continue
        elif key == "properties":
            out[key] = {name: convert(s) for name, s in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = convert(value) if isinstance(value, dict) else value
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [convert(s) for s in value]
        else:
            out[key] = copy.deepcopy(value)
    if node.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    return out


def load_schema():
    with open(OPENAPI) as f:
        api = json.load(f)
    op = api["paths"]["/public/v1/program/enrollments/validate"]["post"]
    want = {"$ref": "#/components/schemas/Enrollment"}
    for media in op["requestBody"]["content"].values():
        assert media["schema"] == want, "the request body is not Enrollment"
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == want, \
        "the 200 answer is not Enrollment"
    components = api["components"]["schemas"]
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "definitions": {name: convert(s) for name, s in components.items()},
        "allOf": [{"$ref": "#/definitions/Enrollment"}],
    }
    jsonschema.Draft4Validator.check_schema(schema)
    return components, jsonschema.Draft4Validator(schema)


# ---------- the server ----------

def psql(sql):
    return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", DB],
                          input=sql, capture_output=True, text=True, check=True).stdout


def run_requests(requests):
    """[(label, doc, (account, user))] -> the call_validate answer of each."""
    lines = []
    for _, doc, (account, user) in requests:
        text = doc if isinstance(doc, str) else json.dumps(doc)
        tag = "$doc$"
        while tag in text:
            tag = tag[:-1] + "x$"
        lines.append("SELECT translate(encode(convert_to(public.call_validate(%s%s%s, '%s', '%s')::text,"
                     " 'UTF8'), 'base64'), E'\\n', '');" % (tag, text, tag, account, user))
    out = psql("\n".join(lines) + "\n").split("\n")
    return [json.loads(base64.b64decode(line).decode("utf-8")) for line in out if line]


def parameter_ids():
    rows = psql("SELECT external_id || '=' || id FROM enrollment.parameters WHERE external_id IS NOT NULL"
                " AND program_id = '%s'" % PROGRAM)
    ids = dict(line.split("=", 1) for line in rows.split("\n") if line)
    hooked = psql("SELECT p.id || '=' || q.id FROM enrollment.programs p JOIN enrollment.parameters q"
                  " ON q.program_id = p.id WHERE p.name = 'Hooked program'").strip().split("=")
    return ids, hooked


# ---------- (a) the corpus of requests ----------

def seed_enrollment():
    with open(SEED_SQL) as f:
        m = re.search(r"^\\set body '(.*)'$", f.read(), re.M)
    return json.loads(m.group(1))["enrollment"]


def corpus(ids, hooked):
    seed = seed_enrollment()
    p = ids
    docs = [("the seed request", seed, CLIENT)]

    stale = copy.deepcopy(seed)
    stale["error"] = {"id": "E001234", "message": "Enrollment has invalid parameters"}
    for e in stale["parameters"]["ordering"]:
        e["error"] = {"id": "E001234", "message": "Incorrect parameter value", "parameters": None}
        e["displayValue"] = "shown"
    docs.append(("the seed with stale errors", stale, CLIENT))

    def doc(ordering=None, fulfillment=None, **extra):
        d = {"program": {"id": PROGRAM}}
        d.update(extra)
        bag = {}
        if ordering is not None:
            bag["ordering"] = ordering
        if fulfillment is not None:
            bag["fulfillment"] = fulfillment
        if bag:
            d["parameters"] = bag
        return d

    # the endpoint is for clients and operations (a vendor is 42501)
    for who, actor in (("client", CLIENT), ("operations", OPERATIONS)):
        docs.append(("every definition appended, " + who, doc(), actor))
    good = {
        "partner_id": "1234", "single": "AB12", "multi": "two\nlines", "email": "a@example.com",
        "subdomain": "contoso", "choice": "gold", "dropdown": "gold", "checkbox": ["gold", "silver"],
        "address": {"addressLine1": "1 Main St", "city": "Cork", "state": "Cork", "postCode": "T12",
                    "country": "IE"},
        "contact": {"firstName": "Ann", "lastName": "Lee", "email": "ann@example.com",
                    "phone": {"prefix": "+353", "number": "861234567"}},
        "date": {"date": "2025-06-01"}, "range": {"start": "2025-01-01", "end": "2025-02-01"},
        "json": {"k": [1, 2]}, "xml": "<a><b/></a>", "fixed": "fixed",
    }
    bad = {
        "partner_id": "12ab", "single": "ab", "multi": "x", "email": "not an email",
        "subdomain": "Not.OK", "choice": "bronze", "dropdown": ["gold"], "checkbox": ["gold", "gold"],
        "address": {"city": "Cork"}, "contact": {"firstName": "Ann"}, "date": {"date": "2027-13-40"},
        "range": {"start": "2025-02-01", "end": "2025-01-01"}, "json": "not json", "xml": "<a>",
        "heading": "a heading has no value", "fixed": "changed",
    }
    docs.append(("a valid value of every type", doc([{"id": p[k], "value": v} for k, v in good.items()]), CLIENT))
    docs.append(("an invalid value of every type", doc([{"id": p[k], "value": v} for k, v in bad.items()]), CLIENT))
    for k, v in bad.items():
        docs.append(("invalid " + k, doc([{"id": p[k], "name": k, "type": "SingleLineText", "phase": "Order",
                                           "value": v}]), CLIENT))
    docs.append(("unknown, repeated, wrong list, client fulfillment value",
                 doc([{"id": p["partner_id"], "value": "1"}, {"id": "PPM-1000-0001-0099"},
                      {"id": p["partner_id"], "value": "2"}, {"id": p["region"], "value": "EU"}],
                     [{"id": p["region"], "value": "EU"}, {"id": p["single"]}]), CLIENT))
    docs.append(("a client names a hidden parameter", doc([{"id": p["secret"], "value": "s"}]), CLIENT))
    docs.append(("operations: constraint overrides and fulfillment values",
                 doc([{"id": p["partner_id"], "constraints": {"required": False}},
                      {"id": p["single"], "constraints": {"hidden": True, "readonly": False, "required": True},
                       "value": "AB1"},
                      {"id": p["multi"], "constraints": {"hidden": None}}],
                     [{"id": p["region"], "value": "EU", "constraints": {"required": True}}]), OPERATIONS))
    docs.append(("operations: nulls everywhere they are allowed",
                 doc(None, None, notes=None, parameters={"ordering": None, "fulfillment": None},
                     buyer={"id": "BUY-2000-0001", "name": None, "icon": None}), OPERATIONS))
    docs.append(("a re-enrollment of the client's certificate",
                 doc([{"id": p["fixed"], "value": "changed"}], type="Change",
                     certificate={"id": "CER-1000-0001-0001", "name": "Stark AI Partner"}), CLIENT))
    docs.append(("a re-enrollment, operations", doc(type="Change", certificate={"id": "CER-1000-0001-0002"}),
                 OPERATIONS))
    docs.append(("the hook answers errors with message parameters and new values",
                 {"program": {"id": hooked[0]}, "parameters": {"ordering": [{"id": hooked[1], "value": "abc"}]}},
                 CLIENT))
    docs.append(("the hook, the parameter left out", {"program": {"id": hooked[0]}}, CLIENT))
    return docs


# ---------- (b) refusals generated from the seed ----------

class Prop:
    """What the seed says about one property (or array item) schema."""

    def __init__(self, components, ps):
        target = None
        refs = [s["$ref"] for s in ps.get("allOf", []) if "$ref" in s]
        if "$ref" in ps:
            refs.append(ps["$ref"])
        for ref in refs:
            target = components[ref.rsplit("/", 1)[1]]
        self.types = {ps["type"]} if "type" in ps else ({target["type"]} if target and "type" in target else set())
        self.nullable = ps.get("nullable") is True
        self.enum = ps.get("enum") or (target.get("enum") if target else None)
        self.objdef = refs[0].rsplit("/", 1)[1] if refs and target and "properties" in target else None
        self.min_length = ps.get("minLength")
        self.max_length = ps.get("maxLength")
        self.items = Prop(components, ps["items"]) if "items" in ps else None


def matches(value, types):
    kinds = {"string": str, "object": dict, "array": list}
    for t in types:
        if t in kinds and isinstance(value, kinds[t]):
            return True
        if t == "boolean" and isinstance(value, bool):
            return True
        if t == "integer" and isinstance(value, int) and not isinstance(value, bool):
            return True
        if t == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
    return False


def wrong_value(prop):
    for v in (12345, 1.5, "text", True, {}, []):
        if not matches(v, prop.types):
            return v
    raise AssertionError("no wrong value for %r" % prop.types)


class Generator:
    def __init__(self, components, ids):
        self.c = components
        self.ids = ids

    def props(self, name):
        return self.c[name]["properties"]

    def base(self, name):
        """The smallest valid instance of a schema that the server can take."""
        if name == "Enrollment":
            return {"program": {"id": PROGRAM}}
        if name == "ProgramRef":
            return {"id": PROGRAM}
        if name == "ProgramParameter":
            return {"id": self.ids["partner_id"]}
        obj = {}
        for r in self.c[name].get("required", []):
            obj[r] = self.valid(Prop(self.c, self.props(name)[r]))
        return obj

    def valid(self, prop):
        if prop.enum:
            return prop.enum[0]
        if prop.objdef:
            return self.base(prop.objdef)
        if "array" in prop.types:
            return [self.valid(prop.items)]
        if "string" in prop.types:
            return "x" * max(1, prop.min_length or 0)
        if "boolean" in prop.types:
            return True
        if "integer" in prop.types:
            return 1
        return {"any": [1, "two", None]}

    def schemas(self):
        """Every schema reachable from Enrollment, once, with the steps to an instance of it."""
        queue, seen = [([], "Enrollment")], {"Enrollment"}
        while queue:
            steps, name = queue.pop(0)
            yield steps, name
            for p, ps in self.props(name).items():
                prop = Prop(self.c, ps)
                if prop.objdef and prop.objdef not in seen:
                    seen.add(prop.objdef)
                    queue.append((steps + [("key", p, prop.objdef)], prop.objdef))
                if prop.items and prop.items.objdef and prop.items.objdef not in seen:
                    seen.add(prop.items.objdef)
                    queue.append((steps + [("key", p, None), ("idx", 0, prop.items.objdef)], prop.items.objdef))

    def at(self, steps):
        """A valid document holding an instance at steps: (document, that instance)."""
        doc = self.base("Enrollment")
        cur = doc
        for kind, seg, name in steps:
            if kind == "key" and name is None:
                if not isinstance(cur.get(seg), list):
                    cur[seg] = []
                cur = cur[seg]
            elif kind == "key":
                if not isinstance(cur.get(seg), dict):
                    cur[seg] = self.base(name)
                cur = cur[seg]
            else:
                if not cur:
                    cur.append(self.base(name))
                cur = cur[0]
        return doc, cur

    def cases(self):
        """(label, document, expected column or None for accepted)."""
        for steps, name in self.schemas():
            path = "$" + "".join("." + seg if kind == "key" else "[%d]" % seg for kind, seg, _ in steps)
            doc, obj = self.at(steps)
            obj["zzUnknown"] = 1
            yield "%s: unknown key" % path, doc, path
            for r in self.c[name].get("required", []):
                doc, obj = self.at(steps)
                del obj[r]
                yield "%s: without required %s" % (path, r), doc, path
            for p, ps in self.props(name).items():
                prop = Prop(self.c, ps)
                ppath = path + "." + p

                def put(value):
                    d, o = self.at(steps)
                    o[p] = value
                    return d

                d, o = self.at(steps)
                if p not in o:
                    o[p] = self.valid(prop)
                yield "%s: a valid value" % ppath, d, None
                if not prop.types:
                    yield "%s: any value (object)" % ppath, put({"zzUnknown": [1, {"x": None}]}), None
                    yield "%s: null" % ppath, put(None), None
                    continue
                yield "%s: wrong type" % ppath, put(wrong_value(prop)), ppath
                yield "%s: null" % ppath, put(None), None if prop.nullable else ppath
                if prop.enum:
                    yield "%s: not in the enum" % ppath, put("NotInTheEnum"), ppath
                    yield "%s: enum, other case" % ppath, put(prop.enum[-1].lower()), ppath
                if prop.min_length:
                    yield "%s: too short" % ppath, put("x" * (prop.min_length - 1)), ppath
                if prop.max_length:
                    yield "%s: too long" % ppath, put("\u00e9" * (prop.max_length + 1)), ppath
                    yield "%s: longest (code points)" % ppath, put("\u00e9" * prop.max_length), None
                if prop.items is not None:
                    item = ppath + "[0]"
                    if prop.items.types:
                        yield "%s: wrong item type" % item, put([self.valid(prop.items), wrong_value(prop.items)]), ppath + "[1]"
                        yield "%s: null item" % item, put([None]), item
        doc, _ = self.at([("key", "parameters", "ProgramParameterBag"), ("key", "ordering", None),
                          ("idx", 0, "ProgramParameter")])
        doc["parameters"]["ordering"][0]["constraints"] = {"required": True, "unique": True}
        yield "the platform's constraints.unique", doc, "$.parameters.ordering[0].constraints"
        yield "status Draft", {"program": {"id": PROGRAM}, "status": "Draft"}, "$.status"


# ---------- main ----------

def main():
    components, validator = load_schema()
    ids, hooked = parameter_ids()
    passed = failed = 0

    def report(ok, label, why):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAILED %s: %s" % (label, why))

    def errors_of(doc):
        return sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))

    def describe(errs):
        return "" if not errs else "the answer breaks the schema at $%s: %s" % (
            "".join("[%d]" % s if isinstance(s, int) else "." + s for s in errs[0].absolute_path),
            errs[0].message[:200])

    # (a) every answer is an Enrollment
    requests = corpus(ids, hooked)
    a_passed, a_failed = passed, failed
    for (label, doc, _), answer in zip(requests, run_requests(requests)):
        if "body" not in answer:
            report(False, label, "the server refused a valid request: %s" % json.dumps(answer))
            continue
        errs = errors_of(answer["body"])
        report(not errs, label, describe(errs))
    print("answers: %d passed, %d failed" % (passed - a_passed, failed - a_failed))

    # (b) the server and the JSON Schema agree, property by property
    cases = list(Generator(components, ids).cases())
    b_passed, b_failed = passed, failed
    answers = run_requests([(label, doc, CLIENT) for label, doc, _ in cases])
    for (label, doc, column), answer in zip(cases, answers):
        schema_ok = not errors_of(doc)
        if column is None:
            report(schema_ok, label, "the JSON Schema refuses a document meant to be valid")
            if "body" not in answer:
                report(False, label, "the server refused it: %s" % json.dumps(answer))
            else:
                errs = errors_of(answer["body"])
                report(not errs, label, describe(errs))
            continue
        report(not schema_ok, label, "the JSON Schema accepts it")
        ok = (answer.get("sqlstate") == "22023" and answer.get("message") == "invalid enrollment document"
              and answer.get("column") == column)
        report(ok, label, "expected 22023 at %s, the server answered %s" % (column, json.dumps(answer)[:300]))
    print("refusals: %d passed, %d failed (%d documents)" % (passed - b_passed, failed - b_failed, len(cases)))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
