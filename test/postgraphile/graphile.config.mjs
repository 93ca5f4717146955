// PostGraphile 5 over the enrollment extension (README "API": PostGraphile).
//
// Environment: DATABASE_URL (the authenticator: LOGIN NOINHERIT, neither
// superuser nor owner of the tables, else row level security is bypassed),
// API_ROLE (the role enrollment.setup_api() granted the API to), ANON_ROLE,
// JWT_SECRET (HS256), PORT.
//
// Claims arrive as PostgREST's do: a bearer token whose payload carries
// account_id and user_id.  Each request's transaction gets the payload as
// request.jwt.claims (set_config(..., true), which is what pgSettings does)
// and switches to API_ROLE; a request without a token runs as ANON_ROLE.
// PostgreSQL errors pass through with their SQLSTATE in extensions.code.
import { createHmac, timingSafeEqual } from "node:crypto";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { GraphQLError } from "graphql";
import { MptIdPlugin } from "./mpt-id-plugin.mjs";

const secret = process.env.JWT_SECRET ?? "";

// The payload of a valid HS256 token, or null for none; throws for a bad one.
function claimsOf(authorization) {
  if (!authorization) return null;
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization);
  if (!m || !secret) throw new GraphQLError("invalid token", { extensions: { code: "PGRST301" } });
  const header = JSON.parse(Buffer.from(m[1], "base64url"));
  const expected = createHmac("sha256", secret).update(`${m[1]}.${m[2]}`).digest();
  const given = Buffer.from(m[3], "base64url");
  if (header.alg !== "HS256" || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new GraphQLError("invalid token", { extensions: { code: "PGRST301" } });
  const payload = JSON.parse(Buffer.from(m[2], "base64url"));
  if (payload.exp && payload.exp < Date.now() / 1000)
    throw new GraphQLError("token expired", { extensions: { code: "PGRST303" } });
  return payload;
}

// PostgreSQL's message and SQLSTATE reach the client (the default masks them).
function maskError(error) {
  const orig = error.originalError;
  if (orig && typeof orig.code === "string") {
    return new GraphQLError(orig.message, {
      nodes: error.nodes, source: error.source, positions: error.positions, path: error.path,
      extensions: { code: orig.code, ...(orig.detail ? { detail: orig.detail } : {}), ...(orig.hint ? { hint: orig.hint } : {}) },
    });
  }
  return error;
}

export default {
  extends: [PostGraphileAmberPreset],
  plugins: [MptIdPlugin],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL, schemas: ["program"],
      // the enum table program.enums is read when the schema is built, as the
      // API role (the authenticator itself may read nothing: NOINHERIT)
      pgSettingsForIntrospection: { role: process.env.API_ROLE },
    }),
  ],
  grafserv: { host: "127.0.0.1", port: Number(process.env.PORT ?? 5678), graphiql: false, maskError },
  // an argument without a DEFAULT (a path id: id, programId) is required; every
  // body field has a DEFAULT, so that the function answers its own 22023
  gather: { pgStrictFunctions: true },
  grafast: {
    explain: false,
    context(requestContext) {
      const claims = claimsOf(requestContext.node?.req?.headers?.authorization);
      return {
        pgSettings: claims
          ? { role: process.env.API_ROLE, "request.jwt.claims": JSON.stringify({ role: process.env.API_ROLE, ...claims }) }
          : { role: process.env.ANON_ROLE },
      };
    },
  },
};
