// PostGraphile 5 plugin: the extension's id type, enrollment.mpt_id
// (ENR-1234-5678-9012, ...), as the GraphQL scalar MptId.  PostGraphile has
// no codec for a base type it does not know and would drop every id column;
// with this codec an id is a string on the wire and is sent to PostgreSQL as
// $1::enrollment.mpt_id, so a condition on id is an index condition, and a
// malformed id is the type's own 22P02 error.
export const MptIdPlugin = {
  name: "MptIdPlugin",
  version: "1.0.0",
  description: "enrollment.mpt_id as the scalar MptId",
  gather: {
    hooks: {
      async pgCodecs_findPgCodec(info, event) {
        if (event.pgCodec) return;
        const { pgType, serviceName } = event;
        if (pgType.typname !== "mpt_id" && pgType.typname !== "_mpt_id") return;
        const ext = await info.helpers.pgIntrospection.getExtensionByName(serviceName, "enrollment");
        if (!ext || pgType.typnamespace !== ext.extnamespace) return;
        const { sql } = info.lib;
        const { listOfCodec } = info.lib.dataplanPg;
        const codec = {
          name: "mptId",
          sqlType: sql`enrollment.mpt_id`,
          toPg: (s) => s,
          fromPg: (s) => s,
          executor: null,
          attributes: undefined,
          extensions: { oid: pgType._id, pg: { serviceName, schemaName: "enrollment", name: "mpt_id" } },
        };
        event.pgCodec = pgType.typname === "mpt_id" ? codec : listOfCodec(codec);
      },
    },
  },
  schema: {
    hooks: {
      init(_, build) {
        const codec = build.pgCodecs.mptId;
        if (codec) {
          const name = build.inflection.builtin("MptId");
          build.registerScalarType(name, { pgCodec: codec }, () => ({
            description: "A marketplace id (three capital letters and groups of four digits, e.g. ENR-1234-5678-9012); enrollment.mpt_id in PostgreSQL.",
          }), "MptId scalar from MptIdPlugin");
          build.setGraphQLTypeForPgCodec(codec, "output", name);
          build.setGraphQLTypeForPgCodec(codec, "input", name);
        }
        return _;
      },
    },
  },
};
