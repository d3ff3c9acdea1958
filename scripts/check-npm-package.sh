#!/usr/bin/env bash
# The npm package as a new user gets it: `npm pack` of generated/npm, the tarball
# installed into an empty project, a client (tests/npm/client.ts) and the Errors page's
# TypeScript example type-checked under `tsc --strict` with moduleResolution bundler and
# node16, the declarations without the DOM library, and the Node tests run against the
# installed copy. Needs node and npm, `tsc` ($LUXXON_TSC, else target/npm), and the CLI
# ($LUXXON_ERRORS_BIN, else built by the client test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
tsc=${LUXXON_TSC:-$target/npm/node_modules/.bin/tsc}
scratch=$target/npm-package-check
rm -rf "$scratch"
mkdir -p "$scratch/project"

tarball=$(cd "$scratch" && npm pack --silent "$root/generated/npm")
echo "packed $tarball: $(tar -tzf "$scratch/$tarball" | sort | tr '\n' ' ')"
expected="package/README.md package/index.d.ts package/index.js package/package.json "
if [ "$(tar -tzf "$scratch/$tarball" | sort | tr '\n' ' ')" != "$expected" ]; then
    echo "the tarball holds other files than $expected" >&2
    exit 1
fi

cd "$scratch/project"
printf '{ "name": "scratch", "private": true, "type": "module" }\n' >package.json
npm install --silent --no-audit --no-fund "../$tarball"
cp "$root/tests/npm/client.ts" "$root/tests/npm/no-dom.ts" .
node "$root/tests/npm/page-example.mjs" "$root/docs/errors.md" page-example.ts

strict='"strict": true, "noEmit": true, "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "noImplicitReturns": true, "target": "es2022"'
printf '{ "compilerOptions": { %s, "module": "esnext", "moduleResolution": "bundler", "lib": ["es2022", "dom"] }, "files": ["client.ts", "page-example.ts"] }\n' "$strict" >tsconfig.bundler.json
printf '{ "compilerOptions": { %s, "module": "node16", "moduleResolution": "node16", "lib": ["es2022", "dom"] }, "files": ["client.ts", "page-example.ts"] }\n' "$strict" >tsconfig.node16.json
printf '{ "compilerOptions": { %s, "module": "node16", "moduleResolution": "node16", "lib": ["es2022"], "types": [] }, "files": ["no-dom.ts"] }\n' "$strict" >tsconfig.no-dom.json
for config in bundler node16 no-dom; do
    echo "tsc --strict, $config"
    "$tsc" --project "tsconfig.$config.json"
done

# Imported by its name, through `exports`, as a user's code does.
node --input-type=module -e '
import * as errors from "@luxxon/errors";
import manifest from "@luxxon/errors/package.json" with { type: "json" };
const decoded = errors.decodeLuxxonError("<html>502 Bad Gateway</html>");
if (decoded.ok || decoded.kind !== "NotJson" || !errors.isRetryable(502, null)) process.exit(1);
console.log(`${manifest.name}@${manifest.version}: ${errors.LUXXON_ERROR_CODES.length} codes`);
'

echo "node --test, against the installed package"
LUXXON_ERRORS_PACKAGE="$scratch/project/node_modules/@luxxon/errors/index.js" node --test "$root/tests/node/"
