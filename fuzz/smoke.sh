#!/usr/bin/env bash
# A short fuzzing pass for CI: every target replays its committed corpus, then mutates it for
# FUZZ_SECONDS (60 by default). New inputs go to a scratch folder, so the committed corpus never
# changes under CI; a crash leaves its input in fuzz/artifacts/<target>/ and fails the script.
#
# Installs cargo-fuzz when it is missing. Uses the nightly toolchain when one is installed, and
# the default toolchain otherwise: without a sanitizer (`-s none`), cargo-fuzz needs no nightly
# feature, and the core forbids unsafe code, so a sanitizer would find nothing a panic does not.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-60}"
cargo_fuzz_version="0.13.2"

if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $cargo_fuzz_version" ]; then
  cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked
fi

toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
fi

# Debug assertions turn integer overflow into a crash, as in the core's own tests.
build=(-a -s none --target-dir "${CARGO_TARGET_DIR:-$PWD/target}")
cargo "${toolchain[@]}" fuzz build "${build[@]}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

passed=0
failed=0
targets=$(cargo "${toolchain[@]}" fuzz list)
for target in $targets; do
  mkdir -p "$scratch/$target" "corpus/$target"
  corpora=("corpus/$target")
  options=(-max_total_time="$seconds" -timeout=10 -print_final_stats=1)
  if [ "$target" = parse_check_suggest ]; then
    # The example plans and the import fixtures as they are today, not as they were when the
    # corpus was last minimized.
    corpora+=(../examples ../crates/vnetplan-core/src/import/fixtures)
    options+=(-dict=plan.dict)
  fi
  printf '\n== fuzz %s: corpus of %s inputs, then %s s\n' "$target" "$(ls "corpus/$target" | wc -l)" "$seconds"
  if cargo "${toolchain[@]}" fuzz run "${build[@]}" "$target" "$scratch/$target" "${corpora[@]}" -- "${options[@]}"; then
    passed=$((passed + 1))
  else
    echo "fuzz $target: crashed; the input is in fuzz/artifacts/$target/" >&2
    failed=$((failed + 1))
  fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
