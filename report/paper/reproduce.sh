#!/bin/sh
# The commands that recompute every table and figure of "Re-running the WebAssembly, Docker and native benchmarks of Napieralla (2020) on one virtualized x86-64 machine (Intel(R) Xeon(R) Processor, 2 cores)".
# Run from the repository's root; paths under csv/ and figures/ are relative to the paper's folder.

# Figure 1. The claim map: a row per claim (its criterion in Table 2) with its latest revision judged post hoc under it, a column per guest language and Wasm platform of each dataset with verdicts. Colour: the verdict's direction; shade: its size against the thesis's band (words in Section 2.3).
edgewasm report --data data/x86-vm-thesis --data data/x86-vm-quick --cell 'claim-map'  # figures/claim-map.csv

# Table 1. The platforms of the datasets: kind, what runs, and what each runner recorded about itself.
jq .runners data/x86-vm-thesis/environment.json data/x86-vm-quick/environment.json

# Table 2. The claims and their criteria: what the thesis said, what the data must show, when the criterion was registered, and for each dataset with verdicts whether it predates the data.
cat report/claims.csv
cat report/claims-registry.csv

# Figure 2. CPU kernels, median kernel time relative to native per test, with 95 % bootstrap intervals (log scale); a panel per dataset with verdicts and guest language.
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-1.{svg,png,csv}

# Figure 3. Memory footprint of the idle workload, median with 95 % bootstrap interval (log scale); a panel per dataset with verdicts and guest language.
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-2.{svg,png,csv}

# Figure 4. File-system I/O calls, median time relative to native with 95 % bootstrap intervals (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-3.{svg,png,csv}

# Figure 5. Start-up time of every repetition with a box plot per platform and its median (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-4.{svg,png,csv}

# Figure 6. Time to finish a job as a function of its native length, per platform, with each Wasm platform's break-even point t against Docker (dashed; listed under each panel's title).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-break-even.{svg,png,csv}

# Figure 7. Network tests, time from the first connection to the last byte relative to native, with 95 % bootstrap intervals (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes ratio-network-total_ms.{svg,png,csv}

# Table 3. The Wasm platforms of each dataset compared: CPU slowdown, start-up, compile time and idle footprint.
edgewasm report --data data/x86-vm-thesis --cell 'runtimes first=yes'
edgewasm report --data data/x86-vm-quick --cell 'runtimes first=yes'

# Table 4. Studies comparing WebAssembly with containers or native code, with their own headline numbers.
cat literature/later-studies.csv

# Table 5. Orchestration support for Wasm workloads in 2020 and today (literature/orchestration.csv).
cat literature/orchestration.csv

# Table 6. Launcher against control: the geometric mean over the tests of the median kernel time through our launcher over the same runtime with its defaults, with its 95 % bootstrap interval, per runtime, experiment and guest language.
edgewasm report --data data/x86-vm-thesis --control data/control --cell 'launchers'

# Table 7. Compilers and runtimes of each dataset next to the thesis's (§4.2).
jq .toolchain,.runners data/x86-vm-thesis/environment.json data/x86-vm-quick/environment.json

# Table 8. The workloads: what each program does and the size it was given in each dataset. experiments/README.md specifies every input and output.
jq .profile.sizes data/x86-vm-thesis/environment.json data/x86-vm-quick/environment.json
cat experiments/README.md

# Table 9. Machines and software of the datasets, from environment.json, including the virtualization it detected.
jq .host,.tool data/x86-vm-thesis/environment.json
jq .host,.tool data/x86-vm-quick/environment.json

# Table 10. Measurement protocol of each dataset next to the thesis's (§4.2).
jq .profile data/x86-vm-thesis/environment.json data/x86-vm-quick/environment.json

# Table 11. The registry of the claims' criteria: every version that changed a criterion, and its commit.
cat report/claims-registry.csv
git log -p --follow -- report/claims.csv

# Figure 8. PRISMA 2020 flow of the thesis's literature search, re-encoded from its §5.1.
edgewasm literature prisma --format csv
edgewasm literature prisma --format text

# Table 12. Papers excluded after full-text review (the thesis's Table 5.1).
edgewasm literature check
grep ',excluded,' literature/reviews/thesis-2020/papers.csv

# csv/tables/verdict-rules.csv
cat report/claims.csv
cat report/claims-registry.csv

# csv/tables/medians-cpu-kernel_ms-x86-vm-thesis.csv, csv/tables/medians-cpu-kernel_ms-x86-vm-quick.csv, csv/tables/medians-cpu-kernel_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=cpu metric=kernel_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=cpu metric=kernel_ms'

# csv/tables/medians-cpu-wall_ms-x86-vm-thesis.csv, csv/tables/medians-cpu-wall_ms-x86-vm-quick.csv, csv/tables/medians-cpu-wall_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=cpu metric=wall_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=cpu metric=wall_ms'

# csv/tables/medians-memory-footprint_kib-x86-vm-thesis.csv, csv/tables/medians-memory-footprint_kib-x86-vm-quick.csv, csv/tables/medians-memory-footprint_kib-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=memory metric=footprint_kib'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=memory metric=footprint_kib'

# csv/tables/medians-memory-memavail_drop_kib-x86-vm-thesis.csv, csv/tables/medians-memory-memavail_drop_kib-x86-vm-quick.csv, csv/tables/medians-memory-memavail_drop_kib-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=memory metric=memavail_drop_kib'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=memory metric=memavail_drop_kib'

# csv/tables/medians-fsio-kernel_ms-x86-vm-thesis.csv, csv/tables/medians-fsio-kernel_ms-x86-vm-quick.csv, csv/tables/medians-fsio-kernel_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=fsio metric=kernel_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=fsio metric=kernel_ms'

# csv/tables/medians-startup-wall_ms-x86-vm-thesis.csv, csv/tables/medians-startup-wall_ms-x86-vm-quick.csv, csv/tables/medians-startup-wall_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=startup metric=wall_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=startup metric=wall_ms'

# csv/tables/medians-startup-cli_ms-x86-vm-thesis.csv, csv/tables/medians-startup-cli_ms-x86-vm-quick.csv, csv/tables/medians-startup-cli_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=startup metric=cli_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=startup metric=cli_ms'

# csv/tables/medians-network-throughput_mib_s-x86-vm-thesis.csv, csv/tables/medians-network-throughput_mib_s-x86-vm-quick.csv, csv/tables/medians-network-throughput_mib_s-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=network metric=throughput_mib_s'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=network metric=throughput_mib_s'

# csv/tables/medians-network-cpu_ms_per_mib-x86-vm-thesis.csv, csv/tables/medians-network-cpu_ms_per_mib-x86-vm-quick.csv, csv/tables/medians-network-cpu_ms_per_mib-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=network metric=cpu_ms_per_mib'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=network metric=cpu_ms_per_mib'

# csv/tables/medians-network-idle_cpu_pct-x86-vm-thesis.csv, csv/tables/medians-network-idle_cpu_pct-x86-vm-quick.csv, csv/tables/medians-network-idle_cpu_pct-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=network metric=idle_cpu_pct'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=network metric=idle_cpu_pct'

# csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-aes-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-aes-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-base64-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-base64-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-huffman-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-huffman-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-matmul-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-matmul-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-sha256-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-sha256-go-kernel_ms.csv, csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-xor-c-kernel_ms.csv, csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/cpu-xor-go-kernel_ms.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-aes-c-kernel_ms.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-aes-go-kernel_ms.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-base64-c-kernel_ms.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-base64-go-kernel_ms.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-huffman-c-kernel_ms.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-huffman-go-kernel_ms.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-matmul-c-kernel_ms.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-matmul-go-kernel_ms.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-quicksort-c-kernel_ms.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-quicksort-go-kernel_ms.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-sha256-c-kernel_ms.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-sha256-go-kernel_ms.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-xor-c-kernel_ms.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/cpu-xor-go-kernel_ms.csv, csv/tables/friedman-cpu-kernel_ms-x86-vm-thesis.csv, csv/tables/friedman-cpu-kernel_ms-x86-vm-quick.csv, csv/tables/friedman-cpu-kernel_ms-notes.txt
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-aes-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-base64-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-dijkstra-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-huffman-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-matmul-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-quicksort-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-sha256-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/cpu-xor-go-kernel_ms.csv

# csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wazero.csv, csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wazero-cold.csv, csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wasmtime.csv, csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wasmer.csv, csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/memory-idle-c-footprint_kib.csv, csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wazero.csv, csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wazero-cold.csv, csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wasmtime.csv, csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wasmer.csv, csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/memory-idle-go-footprint_kib.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wazero.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wazero-cold.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wazero-interp.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmtime.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmer.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmer-cold.csv, csv/x86-vm-quick/memory-idle-c-footprint_kib.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wazero.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wazero-cold.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wazero-interp.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmtime.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmer.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmer-cold.csv, csv/x86-vm-quick/memory-idle-go-footprint_kib.csv, csv/tables/friedman-memory-footprint_kib-x86-vm-thesis.csv, csv/tables/friedman-memory-footprint_kib-x86-vm-quick.csv, csv/tables/friedman-memory-footprint_kib-notes.txt
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-c-footprint_kib.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/memory-idle-go-footprint_kib.csv

# csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/fsio-write-c-kernel_ms.csv, csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/fsio-write-go-kernel_ms.csv, csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/fsio-read-c-kernel_ms.csv, csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/fsio-read-go-kernel_ms.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/fsio-write-c-kernel_ms.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/fsio-write-go-kernel_ms.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/fsio-read-c-kernel_ms.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wazero.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmtime.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmer.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/fsio-read-go-kernel_ms.csv, csv/tables/friedman-fsio-kernel_ms-x86-vm-thesis.csv, csv/tables/friedman-fsio-kernel_ms-x86-vm-quick.csv, csv/tables/friedman-fsio-kernel_ms-notes.txt
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-write-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/fsio-read-go-kernel_ms.csv

# csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wazero.csv, csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wasmer.csv, csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/startup-noop-c-wall_ms.csv, csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wazero.csv, csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wasmer.csv, csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/startup-noop-go-wall_ms.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wazero.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmtime.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmer.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/startup-noop-c-wall_ms.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wazero.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmtime.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmer.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/startup-noop-go-wall_ms.csv, csv/tables/friedman-startup-wall_ms-x86-vm-thesis.csv, csv/tables/friedman-startup-wall_ms-x86-vm-quick.csv, csv/tables/friedman-startup-wall_ms-notes.txt
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-c-wall_ms.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/startup-noop-go-wall_ms.csv

# csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-upload-c-total_ms.csv, csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-upload-go-total_ms.csv, csv/x86-vm-thesis/network-download-c-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-download-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-download-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-download-c-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-download-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-download-c-total_ms.csv, csv/x86-vm-thesis/network-download-go-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-download-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-download-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-download-go-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-download-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-download-go-total_ms.csv, csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-upload-many-c-total_ms.csv, csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-upload-many-go-total_ms.csv, csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-download-many-c-total_ms.csv, csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wazero.csv, csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wasmer.csv, csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-thesis/network-download-many-go-total_ms.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-upload-c-total_ms.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-upload-go-total_ms.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-download-c-total_ms.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-download-go-total_ms.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-upload-many-c-total_ms.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-upload-many-go-total_ms.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-download-many-c-total_ms.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wazero.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wazero-cold.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wazero-interp.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmtime.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmer.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmer-singlepass.csv, csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmer-cold.csv, csv/x86-vm-quick/network-download-many-go-total_ms.csv, csv/tables/friedman-network-total_ms-x86-vm-thesis.csv, csv/tables/friedman-network-total_ms-x86-vm-quick.csv, csv/tables/friedman-network-total_ms-notes.txt
edgewasm stats friedman csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-upload-many-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-thesis/network-download-many-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-upload-many-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wazero-interp.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmtime.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmer.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmer-singlepass.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms-thesis-wasmer-cold.csv
edgewasm stats friedman csv/x86-vm-quick/network-download-many-go-total_ms.csv

# csv/posthoc/x86-vm-thesis-cpu-kernel_ms-wilcoxon.csv, csv/tables/posthoc-cpu-kernel_ms-x86-vm-thesis.csv, csv/tables/posthoc-cpu-kernel_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=cpu metric=kernel_ms'

# csv/posthoc/x86-vm-thesis-memory-footprint_kib-wilcoxon.csv, csv/tables/posthoc-memory-footprint_kib-x86-vm-thesis.csv, csv/tables/posthoc-memory-footprint_kib-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=memory metric=footprint_kib'

# csv/posthoc/x86-vm-thesis-fsio-kernel_ms-wilcoxon.csv, csv/tables/posthoc-fsio-kernel_ms-x86-vm-thesis.csv, csv/tables/posthoc-fsio-kernel_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=fsio metric=kernel_ms'

# csv/posthoc/x86-vm-thesis-startup-wall_ms-wilcoxon.csv, csv/tables/posthoc-startup-wall_ms-x86-vm-thesis.csv, csv/tables/posthoc-startup-wall_ms-notes.txt
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=startup metric=wall_ms'

# csv/failures-x86-vm-thesis-network.csv, csv/failures-x86-vm-quick-network.csv
grep ',failed:' data/x86-vm-thesis/samples.csv | grep '^network,'
grep ',failed:' data/x86-vm-quick/samples.csv | grep '^network,'
