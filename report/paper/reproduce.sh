#!/bin/sh
# The commands that recompute every table and figure of "Re-running the WebAssembly, Docker and native benchmarks of Napieralla (2020) on one virtualized x86-64 machine (AMD EPYC, 2 cores)".
# Run from the repository's root; paths under csv/ and figures/ are relative to the paper's folder.

# Table 1. Every claim of the thesis at a glance: the criterion judged, when it was registered, and the verdicts per guest language over every Wasm platform of the datasets with verdicts (words defined in Section 2.6).
edgewasm report --data data/x86-vm-thesis --cell 'claims'
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'claims'

# Table 2. The platforms of the datasets: kind, what runs, and what each runner recorded about itself.
jq .runners data/x86-vm-thesis/environment.json data/x86-vm-thesis-network/environment.json data/x86-vm-thesis-runtimes/environment.json data/x86-vm-quick/environment.json

# Table 3. Compilers and runtimes of each dataset next to the thesis's (§4.2). "not recorded": the dataset predates the field.
jq .toolchain,.runners data/x86-vm-thesis/environment.json data/x86-vm-thesis-network/environment.json data/x86-vm-thesis-runtimes/environment.json data/x86-vm-quick/environment.json

# Table 4. The workloads: what each program does and the size it was given in each dataset. experiments/README.md specifies every input and output.
jq .profile.sizes data/x86-vm-thesis/environment.json data/x86-vm-thesis-network/environment.json data/x86-vm-thesis-runtimes/environment.json data/x86-vm-quick/environment.json
cat experiments/README.md

# Table 5. Machines and software of the datasets, from environment.json, including the virtualization it detected.
jq .host,.tool data/x86-vm-thesis/environment.json
jq .host,.tool data/x86-vm-thesis-network/environment.json
jq .host,.tool data/x86-vm-thesis-runtimes/environment.json
jq .host,.tool data/x86-vm-quick/environment.json

# Table 6. Measurement protocol of each dataset next to the thesis's (§4.2).
jq .profile data/x86-vm-thesis/environment.json data/x86-vm-thesis-network/environment.json data/x86-vm-thesis-runtimes/environment.json data/x86-vm-quick/environment.json

# Table 7. Each claim's current criterion, when it was first registered and last revised, and why it was chosen (report/claims.csv). Sensitivity rows read the claim above them another way; they are not claims of the thesis.
cat report/claims.csv
cat report/claims-registry.csv

# Figure 1. CPU kernels of the primary dataset, median time relative to native per test, with 95 % bootstrap intervals (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-1.{svg,png,csv}

# Table 9. Median kernel time of the CPU tests in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=cpu metric=kernel_ms'

# Table 10. Friedman tests of the CPU kernel times in the primary dataset.
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-aes-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-base64-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-dijkstra-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-huffman-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-matmul-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-quicksort-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-sha256-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/cpu-xor-go-kernel_ms.csv

# Table 11. Significant pairwise differences of the CPU kernel times in the primary dataset (Wilcoxon signed-rank, Holm-adjusted p).
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=cpu metric=kernel_ms significant=yes'

# Figure 2. Memory footprint of the idle workload in the primary dataset (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-2.{svg,png,csv}

# Table 12. Median footprint of the idle workload in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=memory metric=footprint_kib'

# Table 13. Friedman tests of the footprint in the primary dataset.
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-c-footprint_kib.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/memory-idle-go-footprint_kib.csv

# Table 14. Significant pairwise differences of the footprint in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=memory metric=footprint_kib significant=yes'

# Figure 3. File-system I/O calls in the primary dataset, median time relative to native (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-3.{svg,png,csv}

# Table 15. Median time of the I/O calls in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=fsio metric=kernel_ms'

# Table 16. Friedman tests of the I/O times in the primary dataset.
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-write-go-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-c-kernel_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/fsio-read-go-kernel_ms.csv

# Table 17. Significant pairwise differences of the I/O times in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=fsio metric=kernel_ms significant=yes'

# Figure 4. Start-up time of every repetition in the primary dataset, with box plots and medians (log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-4.{svg,png,csv}

# Table 18. Median start-up time (wall_ms) in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=startup metric=wall_ms'

# Table 19. Friedman tests of start-up time in the primary dataset.
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-c-wall_ms.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis/startup-noop-go-wall_ms.csv

# Table 20. Significant pairwise differences of start-up time in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'posthoc exp=startup metric=wall_ms significant=yes'

# Figure 5. Time to finish a job as a function of its native length, per platform, with the break-even points of each Wasm platform against Docker (primary dataset).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-break-even.{svg,png,csv}

# Figure 6. Network tests, time from the first connection to the last byte relative to native (log scale).
edgewasm figures --data data/x86-vm-thesis-network --out figures  # writes ratio-network-total_ms.{svg,png,csv}

# Table 21. Median throughput of each network test (MiB/s, over all its transfers).
edgewasm report --data data/x86-vm-thesis-network --cell 'medians exp=network metric=throughput_mib_s'

# Table 22. CPU time of the serving process per MiB moved (ms/MiB; /proc clock ticks, 10 ms resolution).
edgewasm report --data data/x86-vm-thesis-network --cell 'medians exp=network metric=cpu_ms_per_mib'

# Table 23. CPU used by the idle server before its first connection (% of one core).
edgewasm report --data data/x86-vm-thesis-network --cell 'medians exp=network metric=idle_cpu_pct'

# Table 24. Friedman tests of the network tests' total time.
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-many-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-many-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-many-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-many-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-many-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-upload-many-go-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-many-c-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-many-c-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-many-c-total_ms.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-many-go-total_ms-thesis-wazero.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-many-go-total_ms-thesis-wazero-cold.csv
edgewasm stats friedman csv/x86-vm-thesis-network/network-download-many-go-total_ms.csv

# Table 25. Failed network invocations in every dataset, by platform and reason, with the tests they struck.
grep ',failed:' data/x86-vm-quick/samples.csv | grep '^network,'

# Table 26. The Wasm platforms of each dataset compared: CPU slowdown, start-up, compile time and idle footprint.
edgewasm report --data data/x86-vm-thesis --cell 'runtimes'
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'runtimes'
edgewasm report --data data/x86-vm-quick --cell 'runtimes'

# Table 27. The platforms of the runtime comparison and what each runner recorded (versions, compiler, cache).
jq .runners data/x86-vm-thesis-runtimes/environment.json

# Table 28. Median kernel time per runtime in the runtime comparison.
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'medians exp=cpu metric=kernel_ms'

# Table 29. Median start-up time per runtime in the runtime comparison.
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'medians exp=startup metric=wall_ms'

# Table 30. Failed file-system invocations of the runtime comparison, by platform and reason.
grep ',failed:' data/x86-vm-thesis-runtimes/samples.csv | grep '^fsio,'

# Table 31. Verdicts on the thesis's claims in the primary dataset, per guest language and Wasm platform, under the criterion registered before it started and, marked post hoc, each later one. Definitions in Section 2.6; values and reasons in Appendix A.
edgewasm report --data data/x86-vm-thesis --cell 'verdicts'

# Figure 7. PRISMA 2020 flow of the thesis's literature search.
edgewasm literature prisma --format csv
edgewasm literature prisma --format text

# Table 32. Papers excluded after full-text review (the thesis's Table 5.1).
edgewasm literature check
grep ',excluded,' literature/reviews/thesis-2020/papers.csv

# Table 33. Studies comparing WebAssembly with containers or native code, with their own headline numbers.
cat literature/later-studies.csv

# Table 34. Orchestration support for Wasm workloads in 2020 and today (literature/orchestration.csv).
cat literature/orchestration.csv

# Table 35. Every claim judged on every dataset, per guest language and Wasm platform, with our value and the reason for its verdict.
edgewasm report --data data/x86-vm-thesis --cell 'claims'
edgewasm report --data data/x86-vm-thesis-network --cell 'claims'
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'claims'
edgewasm report --data data/x86-vm-quick --cell 'claims'

# Table 36. The registry of the claims' criteria: every version, its commit and the reason for it.
cat report/claims-registry.csv
git log -p --follow -- report/claims.csv

# Figure 8. CPU tests, whole invocation (wall_ms), median time relative to native (primary dataset, log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-1-wall.{svg,png,csv}

# Table 37. Median whole-invocation time of the CPU tests in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=cpu metric=wall_ms'

# Figure 9. File-system tests, whole invocation (wall_ms), median time relative to native (primary dataset, log scale).
edgewasm figures --data data/x86-vm-thesis --out figures  # writes fig-5-3-wall.{svg,png,csv}

# Table 38. Median drop in MemAvailable while the idle workload blocked (primary dataset); every process on the machine moves it, so it can be negative.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=memory metric=memavail_drop_kib'

# Table 39. Median start-up through the docker CLI (cli_ms) in the primary dataset.
edgewasm report --data data/x86-vm-thesis --cell 'medians exp=startup metric=cli_ms'

# Table 40. Verdicts in the other datasets (none for an underpowered dataset).
edgewasm report --data data/x86-vm-thesis-network --cell 'verdicts'
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'verdicts'
edgewasm report --data data/x86-vm-quick --cell 'verdicts'

# Figure 10. CPU kernels in the other datasets, median time relative to native (log scale).
edgewasm figures --data data/x86-vm-thesis-runtimes,data/x86-vm-quick --out figures  # writes fig-5-1.{svg,png,csv}

# Table 41. Median kernel time of the CPU tests in the other datasets.
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'medians exp=cpu metric=kernel_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=cpu metric=kernel_ms'

# Figure 11. Memory footprint of the idle workload in the other datasets (log scale).
edgewasm figures --data data/x86-vm-thesis-runtimes,data/x86-vm-quick --out figures  # writes fig-5-2.{svg,png,csv}

# Figure 12. File-system I/O calls in the other datasets, median time relative to native (log scale).
edgewasm figures --data data/x86-vm-thesis-runtimes,data/x86-vm-quick --out figures  # writes fig-5-3.{svg,png,csv}

# Table 42. Median time of the I/O calls in the other datasets.
edgewasm report --data data/x86-vm-thesis-runtimes --cell 'medians exp=fsio metric=kernel_ms'
edgewasm report --data data/x86-vm-quick --cell 'medians exp=fsio metric=kernel_ms'

# Figure 13. Start-up time in the other datasets (log scale).
edgewasm figures --data data/x86-vm-thesis-runtimes,data/x86-vm-quick --out figures  # writes fig-5-4.{svg,png,csv}

# Figure 14. Break-even between each Wasm platform and Docker in the other datasets.
edgewasm figures --data data/x86-vm-quick --out figures  # writes fig-break-even.{svg,png,csv}
