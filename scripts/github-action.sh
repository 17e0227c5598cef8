#!/usr/bin/env bash
# The run step of action.yml: turns the action's inputs (CAPCHECK_* variables)
# into one `capcheck check` command line, runs it, and sets the step's outputs.
# Annotations come from capcheck itself, which sees GITHUB_ACTIONS=true.
set -uo pipefail
root="${GITHUB_ACTION_PATH:-$(dirname "$0")/..}"
capcheck=(node "$root/bin/capcheck.js")

args=(check --quiet)
# A list input: one item a line (commas too, for the lists capcheck splits itself).
lines() { printf '%s\n' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$'; }
value() { [[ -n "$2" ]] && args+=("$1" "$2"); }

value --config "${CAPCHECK_CONFIG:-}"
value --regime "${CAPCHECK_REGIMES:-}"
value --caps "${CAPCHECK_CAPS:-}"
value --factors "${CAPCHECK_FACTORS:-}"
value --fail-on "${CAPCHECK_FAIL_ON:-}"
value --by "${CAPCHECK_BY:-}"
value --basis "${CAPCHECK_BASIS:-}"
value --load-factor "${CAPCHECK_LOAD_FACTOR:-}"
value --scenarios "${CAPCHECK_SCENARIOS:-}"
value --number-format "${CAPCHECK_NUMBER_FORMAT:-}"
value --baseline "${CAPCHECK_BASELINE:-}"
case "${CAPCHECK_SKIP_INVALID:-}" in
  true) args+=(--skip-invalid) ;;
  "" | false) ;;
  *) echo "::error title=capcheck::skip-invalid takes true or false, got '$CAPCHECK_SKIP_INVALID'"; exit 2 ;;
esac
outputs=$(lines "${CAPCHECK_OUTPUTS:-}")
# An empty input leaves the config file's outputs in force, as its other keys: the
# action's own --output below would replace them, so they are named again.
[[ -n "$outputs" ]] || outputs=$(node "$root/scripts/config-outputs.js" "${CAPCHECK_CONFIG:-}")
while IFS= read -r output; do
  [[ -z "$output" ]] || args+=(--output "$output")
done <<< "$outputs"
report="${CAPCHECK_REPORT:-capcheck-report.json}"
args+=(--output "json:$report")
if [[ "${CAPCHECK_STEP_SUMMARY:-true}" == true && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  args+=(--output "markdown:$GITHUB_STEP_SUMMARY")
fi

# Input globs: expanded here, each sorted, as capcheck expands a config file's.
shopt -s globstar nullglob
files=()
while IFS= read -r pattern; do
  mapfile -t matched < <(compgen -G "$pattern" | LC_ALL=C sort)
  if [[ ${#matched[@]} -eq 0 ]]; then
    echo "::error title=capcheck::no file matches the input '$pattern'"
    exit 2
  fi
  files+=("${matched[@]}")
done < <(lines "${CAPCHECK_INPUTS:-}")

# A report an earlier step left must never give this run's verdict (a run that stops
# before its report, nothing to check, writes none): it goes first; or, when it is
# also the baseline (a rolling one), its verdict counts only if this run rewrote it.
stamp() {
  node -e 'try { const s = require("node:fs").statSync(process.argv[1]);
    console.log(`${s.ino} ${s.size} ${s.mtimeMs}`); } catch {}' "$1"
}
left=""
if [[ -n "${CAPCHECK_BASELINE:-}" && "$report" -ef "$CAPCHECK_BASELINE" ]]; then
  left=$(stamp "$report")
else
  rm -f -- "$report"
fi

status=0
"${capcheck[@]}" "${args[@]}" -- "${files[@]}" || status=$?
verdict=""
if [[ -z "$left" || "$(stamp "$report")" != "$left" ]]; then
  verdict=$(node -e '
    try { console.log(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).verdict); }
    catch { console.log(""); }' "$report")
fi
{
  echo "verdict=$verdict"
  echo "exit-code=$status"
  echo "report=$report"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$status"
