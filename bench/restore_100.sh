#!/bin/sh
# The run cache's speed: a batch of 100 runs restored from the store (docs/performance.md, "The run cache").
# 100 tiny configs train twice (learning rate 0.1, then 0.2), so the store holds a run of each for both; then the
# configs switch between the two learning rates REPS times, and each `sprout run` restores all 100 runs without
# training. Prints each restoring batch's wall time and the median. Usage: bench/restore_100.sh [SPROUT] [REPS]
set -eu
sprout=${1:-$(swift build -c release --show-bin-path)/sprout}
reps=${2:-10}
sprout=$(cd "$(dirname "$sprout")" && pwd)/$(basename "$sprout")
work=$(mktemp -d "${TMPDIR:-/tmp}/sprout-restore-100.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/configs"
for i in $(seq -w 1 100); do
  cat >"$work/configs/c$i.yaml" <<YAML
data: {source: xor, samples: 16, noise: 0.1}
seed: $i
model:
  layers:
    - {name: hidden, type: dense, units: 4}
    - relu
    - {name: out, type: dense, units: 2}
train:
  loss: cross_entropy
  optimizer: {type: sgd, lr: 0.1}
  epochs: 2
  batch_size: 8
YAML
done
cd "$work"
"$sprout" run configs --quiet >/dev/null
sed -i 's/lr: 0.1/lr: 0.2/' configs/*.yaml
"$sprout" run configs --quiet >/dev/null
lr=0.2
times=""
for _ in $(seq "$reps"); do
  next=$([ "$lr" = 0.2 ] && echo 0.1 || echo 0.2)
  sed -i "s/lr: $lr/lr: $next/" configs/*.yaml
  lr=$next
  start=$(date +%s.%N)
  out=$("$sprout" run configs --quiet)
  end=$(date +%s.%N)
  case "$out" in *"100 runs: 100 restored from the store"*) ;; *) echo "not all restored: $out" >&2; exit 1 ;; esac
  t=$(awk "BEGIN { printf \"%.3f\", $end - $start }")
  echo "restored 100 runs in $t s"
  times="$times $t"
done
echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median of %d: %.3f s\n", NR, m}'
