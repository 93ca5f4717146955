// The seed scenario through GraphQL (test/postgraphile/run.sh starts the
// server): every request carries its caller's claims as a signed token, as a
// deployment's identity provider would issue them.  Prints each step and
// exits non-zero at the first answer that is not what the extension promises.
import { createHmac } from "node:crypto";

const url = `http://127.0.0.1:${process.env.PORT}/graphql`;
const secret = process.env.JWT_SECRET;
const callers = {
  vendor: { account_id: "ACC-1000-0001", user_id: "USR-1000-0001" },
  client: { account_id: "ACC-2000-0001", user_id: "USR-2000-0001" },
  otherClient: { account_id: "ACC-2000-0002", user_id: "USR-2000-0002" },
  otherVendor: { account_id: "ACC-1000-0002", user_id: "USR-1000-0002" },
};
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
function token(claims) {
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

let steps = 0;
function check(cond, what, got) {
  if (!cond) {
    console.error(`FAILED: ${what}\n  got: ${JSON.stringify(got, null, 1)}`);
    process.exit(1);
  }
  steps++;
  console.log(`ok ${steps} - ${what}`);
}
async function gql(who, query, variables = {}) {
  const headers = { "content-type": "application/json" };
  if (who) headers.authorization = `Bearer ${token(callers[who])}`;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return res.json();
}
// a mutation of the program API: input = the REST body; the answer of an action
// is typed (the view's row: the payload's result is a Program, an Enrollment,
// ...), so the client selects the fields it needs; validateEnrollment answers JSON
const selected = {
  createProgram: "rowId status applicableTo", publishProgram: "rowId status", createParameter: "rowId type phase",
  createTemplate: "rowId type",
};
const enrollmentFields = "rowId status type certificate parameters";
async function act(who, name, input) {
  const type = name[0].toUpperCase() + name.slice(1) + "Input";
  const fields = selected[name] ?? (/Enrollment$/.test(name) && name !== "validateEnrollment" ? enrollmentFields : null);
  const sel = fields ? `result { ${fields} }` : "result";
  const r = await gql(who, `mutation($input: ${type}!) { ${name}(input: $input) { ${sel} } }`, { input });
  const got = r.data?.[name]?.result ?? null;
  // rowId is the object's id (PostGraphile keeps "id" for its node id)
  return { result: got && fields ? { ...got, id: got.rowId } : got, error: r.errors?.[0] ?? null };
}
const ok = async (who, name, input, what) => {
  const r = await act(who, name, input);
  check(r.error === null && r.result !== null, what, r);
  return r.result;
};
const refused = async (who, name, input, code, what) => {
  const r = await act(who, name, input);
  check(r.error?.extensions?.code === code, `${what} (${code})`, r);
};

// --- the schema: ids are MptId, path ids are required arguments, keys give lookups
const intro = await gql(null, `{ submit: __type(name: "SubmitEnrollmentInput") { inputFields { name type { kind ofType { name } } } }
  enr: __type(name: "Enrollment") { fields { name type { name kind ofType { name } } } } }`);
const idArg = intro.data.submit.inputFields.find((f) => f.name === "id");
check(idArg.type.kind === "NON_NULL" && idArg.type.ofType.name === "String", "submitEnrollment's id is a required argument", intro.data.submit);
const rowId = intro.data.enr.fields.find((f) => f.name === "rowId");
check(rowId.type.kind === "NON_NULL" && rowId.type.ofType.name === "MptId", "an enrollment's id is a non-null MptId", rowId);
const payload = await gql(null, `{ __type(name: "CompleteEnrollmentPayload") { fields { name type { name } } } }`);
check(payload.data.__type.fields.some((f) => f.name === "result" && f.type.name === "Enrollment"),
  "completeEnrollment answers a typed Enrollment", payload.data.__type.fields);
check(intro.data.enr.fields.some((f) => f.name === "enrollmentAttachments"), "an enrollment embeds its attachments", intro.data.enr.fields.map((f) => f.name));

// --- statuses and types are GraphQL enums (program.enums, read from the
// engine's CHECK constraints when the schema is built), spelled as in REST
const enums = await gql(null, `{ status: __type(name: "EnrollmentStatus") { kind enumValues { name } }
  query: __type(name: "Query") { fields { name } }
  ${["Program", "Template", "Parameter", "Enrollment", "Certificate", "EnrollmentAttachment"].map((t) =>
    `${t}: __type(name: "${t}") { fields { name type { kind name ofType { kind name } } } }`).join("\n")} }`);
const status = intro.data.enr.fields.find((f) => f.name === "status");
check(status.type.kind === "ENUM" && status.type.name === "EnrollmentStatus", "Enrollment.status is the enum EnrollmentStatus", status);
check(JSON.stringify(enums.data.status.enumValues.map((v) => v.name)) === JSON.stringify(["Draft", "Processing", "Querying", "Completed", "Failed"]),
  "EnrollmentStatus is exactly Draft, Processing, Querying, Completed, Failed (no Deleted)", enums.data.status);
const enumFields = {
  Program: { status: "ProgramStatus", applicableTo: "ApplicableTo" },
  Template: { type: "TemplateType", status: "TemplateStatus" },
  Parameter: { scope: "ParameterScope", phase: "ParameterPhase", type: "ParameterType", status: "ParameterStatus" },
  Enrollment: { applicableTo: "ApplicableTo", type: "EnrollmentType", status: "EnrollmentStatus" },
  Certificate: { applicableTo: "ApplicableTo", status: "CertificateStatus" },
  EnrollmentAttachment: { type: "AttachmentType" },
};
const notEnum = Object.entries(enumFields).flatMap(([t, fs]) => Object.entries(fs).flatMap(([f, e]) => {
  const got = enums.data[t].fields.find((x) => x.name === f)?.type;
  const named = got?.kind === "NON_NULL" ? got.ofType : got;
  return named?.kind === "ENUM" && named.name === e ? [] : [`${t}.${f}: ${JSON.stringify(got)}`];
}));
check(notEnum.length === 0, "every status, type, phase, scope and applicableTo field is its enum", notEnum);
check(!enums.data.query.fields.some((f) => /enum/i.test(f.name)), "the enum table is not a query field", enums.data.query.fields.map((f) => f.name));

// --- the vendor builds and publishes a program with parameters of several types
const prg = await ok("vendor", "createProgram", {
  name: "Azure Expert MSP", applicableTo: "Buyer", eligibility: { client: true, partner: false },
  website: "https://azure.microsoft.com", shortDescription: "Managed service providers",
}, "vendor creates a program (Draft)");
check(prg.status === "Draft" && /^PRG-\d{4}-\d{4}$/.test(prg.id) && prg.applicableTo === "Buyer",
  "the program answer is a typed Program (fields selected)", prg);
const text = await ok("vendor", "createParameter", {
  programId: prg.id, name: "Partner number", scope: "Enrollment", phase: "Order", type: "SingleLineText",
  displayOrder: 10, externalId: "partner_number", constraints: { required: true, hidden: false, readonly: false },
}, "vendor adds a required SingleLineText parameter");
const tier = await ok("vendor", "createParameter", {
  programId: prg.id, name: "Tier", scope: "Enrollment", phase: "Order", type: "Choice", displayOrder: 20,
  externalId: "tier", options: { optionsList: [{ label: "Gold", value: "gold" }, { label: "Silver", value: "silver" }] },
}, "vendor adds a Choice parameter");
const email = await ok("vendor", "createParameter", {
  programId: prg.id, name: "Contact email", scope: "Enrollment", phase: "Order", type: "Email", displayOrder: 30,
  externalId: "contact_email",
}, "vendor adds an Email parameter");
const tpl = await ok("vendor", "createTemplate", {
  programId: prg.id, name: "Welcome", content: "Welcome, partner {{ " + text.id + " }}.", type: "EnrollmentCompleted",
}, "vendor adds a completion template");
const ask = await ok("vendor", "createTemplate", {
  programId: prg.id, name: "More data", content: "Please tell us more.", type: "EnrollmentQuerying",
}, "vendor adds a querying template");
const published = await ok("vendor", "publishProgram", { id: prg.id }, "vendor publishes the program");
check(published.status === "Published", "the program is Published", published);

// --- the client validates a draft, enrols, submits
const values = (partner, t) => ({ ordering: [
  { id: text.id, value: partner }, { id: tier.id, value: t }, { id: email.id, value: "tony@stark.example" }] });
const draft = await ok("client", "validateEnrollment", {
  arg0: { program: { id: prg.id }, buyer: { id: "BUY-2000-0001" }, parameters: values("P-1", "bronze") },
}, "client validates a draft enrollment (nothing stored)");
const tierError = draft.parameters.ordering.find((p) => p.id === tier.id).error;
check(tierError && tierError.id, "the draft's invalid Choice value carries its error", draft.parameters.ordering);
const enr = await ok("client", "createEnrollment", {
  program: { id: prg.id }, buyer: { id: "BUY-2000-0001" }, name: "Stark MSP", parameters: values("P-1", "gold"),
}, "client creates the enrollment (Draft)");
check(enr.status === "Draft" && enr.type === "New", "a New enrollment in Draft", enr);
const sub = await ok("client", "submitEnrollment", { id: enr.id }, "client submits");
check(sub.status === "Processing", "submitted: Processing", sub);
await refused("client", "completeEnrollment", { id: enr.id }, "42501", "the client may not complete");

// --- the vendor queries, the client answers, the vendor completes
const q = await ok("vendor", "queryEnrollment", { id: enr.id, template: { id: ask.id } }, "vendor queries the enrollment");
check(q.status === "Querying", "queried: Querying", q);
const upd = await ok("client", "updateEnrollment", { id: enr.id, parameters: values("P-2", "gold") }, "client changes a value while Querying");
const proc = await ok("client", "processEnrollment", { id: enr.id }, "client sends it back to processing");
check(proc.status === "Processing", "processed: Processing", proc);
const done = await ok("vendor", "completeEnrollment", {
  id: enr.id, template: { id: tpl.id }, externalIds: { vendor: "MS-PARTNER-4711" },
}, "vendor completes with a template and externalIds.vendor");
check(done.status === "Completed" && done.certificate?.id, "completed, with its certificate", done);
await refused("vendor", "completeEnrollment", { id: enr.id }, "PT409", "completing twice is an illegal transition");

// --- typed reads: the certificate and the enrollment by id, lists with conditions
const cerId = done.certificate.id;
const readCert = (who) => gql(who, `query($id: MptId!) { certificateByRowId(rowId: $id) {
  rowId status externalIds revision template parameters } }`, { id: cerId });
const cert = (await readCert("client")).data.certificateByRowId;
check(cert?.status === "Active" && cert.externalIds.vendor === "MS-PARTNER-4711" && cert.template.id === tpl.id,
  "the client reads its Active certificate with the vendor id and template", cert);
check(cert.parameters.ordering.find((p) => p.id === text.id).value === "P-2", "the certificate holds the values completed", cert.parameters);
const list = await gql("vendor", `query($p: MptId!) { allEnrollments(condition: {status: Completed}) {
  totalCount nodes { rowId status } } programByRowId(rowId: $p) { rowId status } }`, { p: prg.id });
check(list.data.allEnrollments.totalCount === 1 && list.data.allEnrollments.nodes[0].rowId === enr.id,
  "the vendor lists its Completed enrollments (condition {status: Completed})", list);
check(list.data.programByRowId.status === "Published", "the vendor reads its program by id", list);
const asVar = await gql("vendor", `query($s: EnrollmentStatus!) { allEnrollments(condition: {status: $s}) { nodes { rowId } } }`, { s: "Completed" });
check(asVar.data?.allEnrollments.nodes.length === 1 && asVar.data.allEnrollments.nodes[0].rowId === enr.id,
  "the same condition with the status as a variable (\"Completed\" on the wire)", asVar);
const deleted = await gql("vendor", `{ allEnrollments(condition: {status: Deleted}) { totalCount } }`);
check(deleted.errors?.length > 0 && !deleted.data, "Deleted is not a value of EnrollmentStatus (the query is refused)", deleted);
const bad = await gql("vendor", `{ enrollmentByRowId(rowId: "enr-1") { rowId } }`);
check(bad.errors?.[0]?.extensions?.code === "22P02", "a malformed id is 22P02, not an empty answer", bad);

// --- re-enrollment updates the same certificate
const re = await ok("client", "createEnrollment", {
  certificate: { id: cerId }, parameters: values("P-3", "silver"),
}, "client re-enrolls against its certificate");
check(re.type === "Change" && re.certificate?.id === cerId, "a Change enrollment of the certificate", re);
await ok("client", "submitEnrollment", { id: re.id }, "client submits the re-enrollment");
const redone = await ok("vendor", "completeEnrollment", { id: re.id, template: { id: tpl.id } }, "vendor completes the re-enrollment");
check(redone.certificate.id === cerId, "the re-enrollment names the same certificate", redone);
const cert2 = (await readCert("client")).data.certificateByRowId;
check(cert2.revision > cert.revision && cert2.parameters.ordering.find((p) => p.id === text.id).value === "P-3",
  "the same certificate, updated with the new values", cert2);

// --- other tenants and anonymous callers see none of it
for (const who of ["otherClient", "otherVendor", null]) {
  const r = await gql(who, `query($e: MptId!, $c: MptId!) { allEnrollments { totalCount } allCertificates { totalCount }
    enrollmentByRowId(rowId: $e) { rowId } certificateByRowId(rowId: $c) { rowId } }`, { e: enr.id, c: cerId });
  check(r.data && r.data.allEnrollments.totalCount === 0 && r.data.allCertificates.totalCount === 0 &&
        r.data.enrollmentByRowId === null && r.data.certificateByRowId === null,
        `${who ?? "an anonymous caller"} sees no enrollment and no certificate`, r);
}
const ov = await gql("otherVendor", `query($p: MptId!) { programByRowId(rowId: $p) { rowId } allPrograms { totalCount } }`, { p: prg.id });
check(ov.data.programByRowId === null && ov.data.allPrograms.totalCount === 0, "another vendor does not see the program", ov);
await refused("otherClient", "submitEnrollment", { id: re.id }, "PT404", "another client acting on the enrollment gets not found");
await refused(null, "submitEnrollment", { id: re.id }, "42501", "an anonymous caller may not act");
console.log(`${steps} checks passed`);
