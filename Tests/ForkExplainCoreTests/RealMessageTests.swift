import XCTest

@testable import ForkExplainCore

/// Messages users pasted in public threads, verbatim (a log excerpt keeps
/// its lines), with what `explain` must read in each: the errno (nil when
/// the text has none and nothing implies one), process or thread, the
/// program where it changes the advice, and the first cause.
final class RealMessageTests: XCTestCase {
    struct Case {
        var text: String
        var errno: String?
        var kind: CallKind
        var first: String?
        var program: String?
        var line: UInt

        init(
            text: String, errno: String?, kind: CallKind, first: String?, program: String? = nil, line: UInt = #line
        ) {
            self.text = text
            self.errno = errno
            self.kind = kind
            self.first = first
            self.program = program
            self.line = line
        }
    }

    static let cases: [Case] = [
        // https://github.com/haecker-felix/Gradio/issues/41 (Arch, `ulimit -u` 750; docs/kernel-facts.md §11.220)
        Case(
            text:
                "(gradio:28005): GLib-ERROR **: creating thread 'image_thread': Error creating thread: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/TritonDataCenter/smartos-live/issues/730 (CentOS 6.8, bash 4.1.2)
        Case(
            text: "-bash: fork: retry: No child processes", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "bash"),
        // https://github.com/TritonDataCenter/smartos-live/issues/730
        Case(
            text: "-bash: fork: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit"),
        // https://github.com/nus-cs2030/2223-s2/issues/555
        Case(
            text: "/tmp/run-AZmJYY: fork: retry: No child processes", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "bash"),
        // https://github.com/alekseyzimin/masurca/issues/307 (zh_CN: "No child processes")
        Case(
            text: "sh: fork: retry: 没有子进程", errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit",
            program: "bash"),
        // https://fedorapeople.org/cgit/jpokorny/public_git/tips-tricks.git/tree/08-exit-codes.txt
        Case(
            text: "bash: fork: retry: No child processes", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "bash"),
        // https://github.com/mikeizbicki/cmc-csci046/issues/249
        Case(
            text: "-bash: fork: retry: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "bash"),
        // https://github.com/mattshma/docs/issues/14
        Case(text: "-bash: fork: Cannot allocate memory", errno: "ENOMEM", kind: .process, first: "pid_max"),
        // https://github.com/systemd/systemd/issues/14459
        Case(
            text:
                "Jan 01 08:36:36 host kernel: cgroup: fork rejected by pids controller in /system.slice/systemd-modules-load.service",
            errno: "EAGAIN", kind: .unknown, first: "cgroup_pids_limit", program: "the kernel"),
        // https://github.com/Icinga/icinga2/issues/4918
        Case(
            text:
                "[Wed Sep 30 03:58:46 2020] cgroup: fork rejected by pids controller in /system.slice/icinga2.service",
            errno: "EAGAIN", kind: .unknown, first: "cgroup_pids_limit", program: "the kernel"),
        // https://github.com/ColinIanKing/stress-ng/issues/384
        Case(
            text:
                "May 14 09:28:44 10 kernel: [  582.073994] cgroup: fork rejected by pids controller in /user.slice/user-1000.slice/session-1.scope",
            errno: "EAGAIN", kind: .unknown, first: "cgroup_pids_limit", program: "the kernel"),
        // https://github.com/mikeizbicki/cmc-csci046/issues/253 (dash prints no errno)
        Case(
            text: "./scripts/run_maps.sh: 0: ./scripts/run_maps.sh: Cannot fork", errno: nil, kind: .process,
            first: "pid_max", program: "dash (/bin/sh)"),
        // https://gist.github.com/satoru-takeuchi/0bc4cb66e383b424d69b712512279626
        Case(text: "/bin/sh: 1: Cannot fork", errno: nil, kind: .process, first: "pid_max", program: "dash (/bin/sh)"),
        // https://github.com/rickysarraf/laptop-mode-tools/issues/59
        Case(
            text: "/usr/sbin/laptop_mode: 213: /usr/sbin/laptop_mode: Cannot fork", errno: nil, kind: .process,
            first: "pid_max", program: "dash (/bin/sh)"),
        // https://github.com/ohmyzsh/ohmyzsh/issues/1898 (zsh lowers strerror)
        Case(
            text: "/etc/zshenv:3: fork failed: resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit"),
        // https://github.com/MichaelAquilina/zsh-auto-notify/issues/34
        Case(
            text: "zsh: fork failed: resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit"),
        // https://github.com/systemd/systemd/pull/5886
        Case(
            text: "systemd: Failed to fork: Cannot allocate memory", errno: "ENOMEM", kind: .process, first: "pid_max"),
        // https://github.com/4thline/cling/issues/240
        Case(
            text:
                "Exception in thread \"cling-2\" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the JVM (HotSpot)"),
        // https://github.com/cantabular/custard/issues/301
        Case(
            text: "java.lang.OutOfMemoryError: unable to create new native thread", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit", program: "the JVM (HotSpot)"),
        // https://github.com/glowroot/glowroot/issues/1011
        Case(
            text:
                "[94.189s][warning][os,thread] Failed to start thread \"Unknown thread\" - pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k, detached.",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the JVM (HotSpot)"),
        // https://github.com/tal-tech/h5-transfer-pdf/issues/8
        Case(
            text:
                "Caused by: java.io.IOException: Cannot run program \"node\": error=11, Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Java (ProcessBuilder / Runtime.exec)"
        ),
        // https://github.com/microsoft/WSL/issues/839
        Case(
            text:
                "java.io.IOException: Cannot run program \"/home/pboos/android-sdk-linux/build-tools/25.0.0/aapt\": error=12, Cannot allocate memory",
            errno: "ENOMEM", kind: .process, first: "pid_max", program: "Java (ProcessBuilder / Runtime.exec)"),
        // https://github.com/microsoft/WSL/issues/1403
        Case(
            text: "java.io.IOException: Cannot run program \"chmod\": error=12, Cannot allocate memory",
            errno: "ENOMEM", kind: .process, first: "pid_max", program: "Java (ProcessBuilder / Runtime.exec)"),
        // https://github.com/scylladb/scylladb/issues/5515 (a 182 MiB commit: memory, not the map count)
        Case(
            text:
                "OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00000007a1000000, 191365120, 0) failed; error='Cannot allocate memory' (errno=12)",
            errno: "ENOMEM", kind: .unknown, first: "commit_limit", program: "the JVM (HotSpot)"),
        // https://github.com/chaosblade-io/chaosblade-box/issues/102 (12 KiB: a thread stack's guard)
        Case(
            text: """
                OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00007f4a6c2b2000, 12288, 0) failed; error='Cannot allocate memory' (errno=12)

                There is insufficient memory for the Java Runtime Environment to continue.
                Native memory allocation (mmap) failed to map 12288 bytes for committing reserved memory.
                """,
            errno: "ENOMEM", kind: .unknown, first: "map_count_limit", program: "the JVM (HotSpot)"),
        // https://github.com/hsjfans/Error/issues/15 (zh_CN strerror)
        Case(
            text:
                "Java HotSpot(TM) 64-Bit Server VM warning: INFO: os::commit_memory(0x00007fc1b8917000, 262144, 0) failed; error='无法分配内存' (errno=12)",
            errno: "ENOMEM", kind: .unknown, first: "commit_limit", program: "the JVM (HotSpot)"),
        // https://github.com/ClickHouse/ClickHouse/issues/6732
        Case(
            text: "DB::ErrnoException: Allocator: Cannot mmap 1.00 GiB., errno: 12, strerror: Cannot allocate memory",
            errno: "ENOMEM", kind: .unknown, first: "commit_limit", program: "a memory allocator"),
        // https://github.com/grafana/loki/issues/227
        Case(
            text: "runtime: failed to create new OS thread (have 772 already; errno=11)", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Go (runtime)"),
        // https://github.com/minio/minio/issues/10950
        Case(
            text: """
                runtime: failed to create new OS thread (have 10802 already; errno=11)
                runtime: may need to increase max user processes (ulimit -u)
                fatal error: newosproc
                """,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Go (runtime)"),
        // https://github.com/golang/go/issues/37006
        Case(
            text: "runtime/cgo: pthread_create failed: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Go (cgo)"),
        // https://github.com/gogs/gogs/issues/4276
        Case(
            text: "remote: runtime/cgo: pthread_create failed: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Go (cgo)"),
        // https://github.com/goreleaser/goreleaser/issues/331 (Go lowers strerror)
        Case(
            text:
                "go build context: /usr/local/go/pkg/tool/darwin_amd64/compile: fork/exec /usr/local/go/pkg/tool/darwin_amd64/compile: resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Go (os/exec)"),
        // https://github.com/gogs/gogs/issues/3943 (os/exec commits no memory: not overcommit)
        Case(
            text: "GetTags: fork/exec /usr/bin/git: cannot allocate memory", errno: "ENOMEM", kind: .process,
            first: "pid_max", program: "Go (os/exec)"),
        // https://github.com/kubernetes/kubernetes/issues/79466
        Case(
            text:
                "failed to collect filesystem stats - rootDiskErr: failed to exec du - fork/exec /usr/bin/nice: resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Go (os/exec)"),
        // https://github.com/cloudfoundry/garden-runc-release/issues/168
        Case(
            text: "fork/exec /proc/self/exe: resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "runc (Go)"),
        // https://github.com/zcyang/imageqa-san/issues/10 (the kind is on the frame above)
        Case(
            text: """
                    self.pid = os.fork()
                OSError: [Errno 12] Cannot allocate memory
                """,
            errno: "ENOMEM", kind: .process, first: "pid_max"),
        // https://github.com/andresriancho/w3af/issues/10186
        Case(text: "OSError: [Errno 12] Cannot allocate memory", errno: "ENOMEM", kind: .unknown, first: "pid_max"),
        // https://github.com/coreos/fedora-coreos-pipeline/issues/512: CPython
        // raises RuntimeError for a refused thread, so this is a process
        // (docs/kernel-facts.md §11.89).
        Case(
            text: "BlockingIOError: [Errno 11] Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "Python (os.fork / multiprocessing)"),
        // https://github.com/cockpit-project/cockpituous/pull/483 (podman's pids limit 4096, Firefox tests)
        Case(
            text: """
                    self.pid = _posixsubprocess.fork_exec(
                BlockingIOError: [Errno 11] Resource temporarily unavailable
                """,
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Python (subprocess)"),
        // https://github.com/Leeon123/CC-attack/issues/75 (no errno: pthread_create's EAGAIN)
        Case(
            text: "RuntimeError: can't start new thread", errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit",
            program: "Python (threading)"),
        // https://github.com/foreversd/forever/issues/379
        Case(
            text: "Error: spawn ENOMEM", errno: "ENOMEM", kind: .process, first: "pid_max",
            program: "Node.js (child_process)"),
        // https://github.com/sct/overseerr/issues/2344
        Case(
            text: "Error: spawn /usr/bin/node EAGAIN", errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit",
            program: "Node.js (child_process)"),
        // https://github.com/OptimalBits/bull/issues/1526
        Case(
            text:
                "nodejs.EAGAINError: spawn /opt/nodejs12/node-v12.12.0-linux-x64/bin/node EAGAIN (uncaughtException throw 1 times on pid:12386)",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Node.js (child_process)"),
        // https://github.com/remy/eventsource-h5d/issues/2 (old Node)
        Case(
            text: "Error: spawn Unknown system errno 12", errno: "ENOMEM", kind: .process, first: "pid_max",
            program: "Node.js (child_process)"),
        // https://github.com/rust-lang/rust/issues/69140
        Case(
            text:
                "thread '<unnamed>' panicked at 'failed to spawn thread: Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }'",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/frostyplanet/crossfire-rs/issues/60 (macOS: EAGAIN is 35 there; the text wins)
        Case(
            text:
                "failed to spawn thread: Os { code: 35, kind: WouldBlock, message: \"Resource temporarily unavailable\" }",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/openethereum/parity-ethereum/issues/10009
        Case(
            text:
                "2018-12-03 03:33:34 UTC failed to spawn worker thread; err=Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/rust-lang/rust/issues/156231
        Case(
            text:
                "failed to spawn work thread: Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/pola-rs/polars/issues/18675
        Case(
            text:
                "could not spawn threads: ThreadPoolBuildError { kind: IOError(Os { code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }) }",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/andrewchambers/bupstash/issues/378
        Case(
            text: "Resource temporarily unavailable (os error 11)", errno: "EAGAIN", kind: .unknown,
            first: "cgroup_pids_limit"),
        // https://github.com/MIC-DKFZ/nnUNet/issues/1343 (a finite soft limit printed: it comes first)
        Case(
            text: """
                OpenBLAS blas_thread_init: pthread_create failed for thread 50 of 64: Resource temporarily unavailable
                OpenBLAS blas_thread_init: RLIMIT_NPROC 4096 current, 513046 max
                """,
            errno: "EAGAIN", kind: .thread, first: "rlimit_nproc", program: "OpenBLAS"),
        // https://github.com/vladmandic/sdnext/issues/2642 (unlimited: RLIMIT_NPROC ruled out)
        Case(
            text: """
                OpenBLAS blas_thread_init: pthread_create failed for thread 2 of 64: Resource temporarily unavailable
                OpenBLAS blas_thread_init: RLIMIT_NPROC -1 current, -1 max
                """,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "OpenBLAS"),
        // https://github.com/DaliangNing/iCAMP1/issues/16 (zh_CN strerror)
        Case(
            text: "OpenBLAS blas_thread_init: pthread_create failed for thread 76 of 80: 资源暂时不可用", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "OpenBLAS"),
        // https://github.com/popgenmethods/smcpp/issues/50
        Case(
            text: "libgomp: Thread creation failed: Resource temporarily unavailable", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit", program: "libgomp (OpenMP)"),
        // https://github.com/ZoeyVid/NPMplus/issues/1113 (nginx's "(11: ...)")
        Case(
            text:
                "2024/09/25 18:07:53 [alert] 10258#10258: pthread_create() failed (11: Resource temporarily unavailable)",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/sameersbn/docker-gitlab/issues/2278
        Case(
            text:
                "postgresql_1  | 2020-12-29 13:53:51.544 UTC [1] LOG:  could not fork new process for connection: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "PostgreSQL"),
        // https://github.com/codeforamerica/clean/issues/546 (the commit
        // limit of the strict overcommit PostgreSQL's docs propose, §11.95)
        Case(
            text: "PG::ConnectionBad: could not fork new process for connection: Cannot allocate memory",
            errno: "ENOMEM", kind: .process, first: "commit_limit", program: "PostgreSQL"),
        // https://rimzy.net/category/tasksmax/ (Percona: MySQL under TasksMax=)
        Case(
            text: "2018-12-12T14:36:45.571456Z 0 [ERROR] Can't create thread to handle new connection(errno= 11)",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "MySQL / MariaDB"),
        // https://dzone.com/articles/can%E2%80%99t-create-thread-errno-11
        Case(
            text:
                "SQLSTATE[HY000] [1135] Can't create a new thread (errno 11); if you are not out of available memory, you can consult the manual for a possible OS-dependent bug.",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "MySQL / MariaDB"),
        // https://github.com/vkhatri/chef-elasticsearch-cluster/issues/92
        Case(
            text: "max number of threads [1024] for user [elasticsearch] is too low, increase to at least [2048]",
            errno: nil, kind: .thread, first: "rlimit_nproc", program: "Elasticsearch"),
        // https://github.com/elastic/elasticsearch/pull/27511
        Case(
            text: "[1]: max number of threads [2048] for user [elasticsearch] is too low, increase to at least [4096]",
            errno: nil, kind: .thread, first: "rlimit_nproc", program: "Elasticsearch"),
        // https://github.com/spujadas/elk-docker/issues/334
        Case(
            text: "max virtual memory areas vm.max_map_count [65530] is too low, increase to at least [262144]",
            errno: nil, kind: .unknown, first: "map_count_limit", program: "Elasticsearch"),
        // https://github.com/puppeteer/puppeteer/issues/8192
        Case(
            text:
                "[0525/171757.201974:ERROR:platform_thread_posix.cc(151)] pthread_create: Resource temporarily unavailable (11)",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Chrome / Chromium"),
        // https://github.com/rmyndharis/OpenWA/issues/636 (compose pids_limit 512, raised in pull 652)
        Case(
            text: "Error: Failed to launch the browser process: Code: null", errno: "EAGAIN", kind: .unknown,
            first: "cgroup_pids_limit", program: "Chrome / Chromium"),
        // https://github.com/frocher/botnbot/issues/48
        Case(
            text: "/usr/bin/google-chrome: fork: retry: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .process, first: "cgroup_pids_limit", program: "bash"),
        // https://github.com/thoughtbot/laptop/issues/526 (git)
        Case(
            text: "error: cannot fork() for git-remote-https: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/nerves-project/nerves_system_rpi3a/pull/90
        Case(
            text: "make[5]: fork: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "make"),
        // https://github.com/raspberrypi/pico-examples/issues/358
        Case(
            text: "make[2]: fork: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "make"),
        // https://github.com/rubygems/bundler/issues/6322
        Case(
            text:
                "/home2/miamini2/.rvm/rubies/ruby-2.3.7/lib/ruby/2.3.0/timeout.rb:81:in `start': can't create Thread: Resource temporarily unavailable (ThreadError)",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/enkessler/childprocess/issues/153
        Case(
            text:
                "fork_exec_process.rb:20: warning: pthread_create failed for timer: Resource temporarily unavailable, scheduling broken",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/gitlabhq/gitlabhq/issues/9542 (Ruby's Errno::ENOMEM)
        Case(
            text: "[2015-08-09T01:24:31+08:00] FATAL: Errno::ENOMEM: Cannot allocate memory - fork(2)", errno: "ENOMEM",
            kind: .process, first: "pid_max"),
        // https://github.com/friendica/friendica/issues/3351
        Case(
            text:
                "PHP Warning:  proc_open(): fork failed - Cannot allocate memory in /var/www/friendica/boot.php on line 1372",
            errno: "ENOMEM", kind: .process, first: "pid_max"),
        // https://github.com/Icinga/icinga2/issues/6437
        Case(
            text: "Error: Function call 'fork' failed with error code 11, 'Resource temporarily unavailable'",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/phusion/passenger/issues/2354
        Case(
            text: "Cannot fork() a new process: Resource temporarily unavailable (errno=11)", errno: "EAGAIN",
            kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/kdlucas/byte-unixbench/issues/64
        Case(
            text:
                "Run: \"Process Creation\": Fork failed at iteration 25404 Reason: Resource temporarily unavailable; aborting",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/virtualmin/virtualmin-gpl/issues/680 (APR's "(11)"; the unit's TasksMax=)
        Case(
            text:
                "[mpm_prefork:error] [pid 119747] (11)Resource temporarily unavailable: AH00159: fork: Unable to fork new process",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Apache httpd"),
        // https://github.com/nextcloud/server/issues/7035
        Case(
            text:
                "[Wed Nov 01 09:20:24.949207 2017] [mpm_prefork:error] [pid 904] (12)Cannot allocate memory: AH00159: fork: Unable to fork new process",
            errno: "ENOMEM", kind: .process, first: "pid_max", program: "Apache httpd"),
        // https://github.com/dluxhu/perl-parallel-forkmanager/issues/18 (Perl's die "Cannot fork: $!")
        Case(
            text:
                "Cannot fork: Cannot allocate memory at /usr/local/perl-5.24.0/lib/site_perl/5.24.0/Parallel/ForkManager.pm line 52, <M> line 8260.",
            errno: "ENOMEM", kind: .process, first: "pid_max"),
        // https://github.com/Perl/perl5/issues/9167 ($! empty: no errno)
        Case(text: "Can't fork:  at j.pl line 9.", errno: nil, kind: .process, first: "pid_max"),
        // https://github.com/envmodules/modules/issues/546 (Tcl's exec)
        Case(
            text: "ERROR: couldn't fork child process: resource temporarily unavailable", errno: "EAGAIN",
            kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/qinguoyi/TinyWebServer/issues/200 (webbench)
        Case(
            text: "fork failed.: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit"),
        // https://github.com/williamritchie/IRFinder/issues/97 (bash as sh, giving up)
        Case(
            text: "sh: fork: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit"),
        // https://github.com/nodejs/node/issues/43064 (RHEL 7 docker, clone3 refused by seccomp)
        Case(
            text:
                "node[1]: ../src/node_platform.cc:68:std::unique_ptr<long unsigned int> node::WorkerThreadsTaskRunner::DelayedTaskScheduler::Start(): Assertion `(0) == (uv_thread_create(t.get(), start_thread, this))' failed.",
            errno: "EPERM", kind: .thread, first: "seccomp_or_policy", program: "Node.js (libuv)"),
        // https://github.com/nodejs/help/issues/5078 (node 22's wording)
        Case(
            text: "  #  Assertion failed: (0) == (uv_thread_create(t.get(), start_thread, this))",
            errno: "EPERM", kind: .thread, first: "seccomp_or_policy", program: "Node.js (libuv)"),
        // https://github.com/nodejs/node/issues/32319 (4K worker threads)
        Case(
            text:
                "../src/node_worker.cc:647:static void node::worker::Worker::StartThread(const v8::FunctionCallbackInfo<v8::Value>&): Assertion `(uv_thread_create_ex(&w->tid_, &thread_options, [](void* arg) {",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Node.js (libuv)"),
        // https://github.com/mozilla/sccache/issues/1972 (podman's pids_limit 2048)
        Case(
            text:
                "thread 'main' panicked at 'OS can't spawn worker thread: Resource temporarily unavailable (os error 11)', /home/.cargo/registry/src/github.com/tokio-1.28.2/src/runtime/scheduler/multi_thread/worker.rs:365:13",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Rust (std::thread / a thread pool)"),
        // https://github.com/mozilla/sccache/issues/1972
        Case(
            text:
                "thread 'main' panicked at 'failed to spawn thread: Os {code: 11, kind: WouldBlock, message: \"Resource temporarily unavailable\" }', src/jobserver.rs:53:18",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Rust (std::thread / a thread pool)"),
        // https://github.com/domainaware/parsedmarc/issues/424 ("Looks like Docker upgrade solved this")
        Case(
            text: "    _start_new_thread(self._bootstrap, ())\nRuntimeError: can't start new thread",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Python (threading)"),
        // https://github.com/MengMengCode/CLICD/issues/28 (unprivileged LXC, shared host uid)
        Case(
            text: "Resource temporarily unavailable\nFailed to popen() exec /usr/share/lxcfs/lxc.mount.hook",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "LXC"),
        // https://github.com/alphagov/govuk-puppet/pull/7369 (wal-e as uid postgres, nproc 256)
        Case(
            text: "wal-e_postgres_base_backup_push: OSError: [Errno 11] Resource temporarily unavailable",
            errno: "EAGAIN", kind: .unknown, first: "cgroup_pids_limit"),
        // https://github.com/sandstorm-io/sandstorm/issues/2365 (1 GB, no swap: really out of memory)
        Case(
            text: "remote exception: fork(): Cannot allocate memory", errno: "ENOMEM", kind: .process,
            first: "pid_max"),
        // https://github.com/kubernetes/minikube/issues/19820 (podman's pids_limit on the node container)
        Case(
            text:
                "[0.512s][warning][os,thread] Failed to start thread \"Unknown thread\" - pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k, detached.",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the JVM (HotSpot)"),
        // https://github.com/opencontainers/runc/issues/5332 (pids.max 0 from CRI-O's pids_limit 0 and runc 1.4)
        Case(
            text: "runtime: failed to create new OS thread (have 2 already; errno=11)", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Go (runtime)"),
        // https://github.com/github/gh-aw/issues/51383 (CI agent sandbox, a ceiling nothing inside shows)
        Case(
            text:
                "Error occurred during initialization of VM\nCannot create worker GC thread. Out of system resources.",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the JVM (HotSpot)"),
        // https://github.com/greeves89/AI-Employee/issues/628 (docker pids.max 512)
        Case(
            text: "fatal: unable to create threaded lstat: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/greeves89/AI-Employee/issues/628
        Case(
            text: "error: cannot fork() for remote-https: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/podman-container-tools/podman/issues/17647 (mongod, podman's PidsLimit 2048)
        Case(
            text: "Failed to create service entry worker thread: pthread_create failed", errno: nil,
            kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/Azure/aks-engine/issues/1270 (nginx under an upgraded cluster's --pod-max-pids=100)
        Case(
            text: "2019/06/18 12:01:02 [alert] 7#7: pthread_create() failed (11: Resource temporarily unavailable)",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/heterodb/pg-strom/issues/817 (ja_JP strerror)
        Case(
            text: "2024-07-25 01:58:05.044 JST [3782167] LOG:  failed on pthread_create: リソースが一時的に利用できません",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/varnishcache/varnish-cache/issues/2822 (Debian 9, DefaultTasksMax 15 % = 4915)
        Case(
            text: #"0 Debug          - "Create worker thread failed 11 Resource temporarily unavailable%00""#,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Varnish"),
        // https://github.com/golang/go/issues/16713 (`ulimit -u` 30 on a shared server)
        Case(
            text: "runtime: failed to create new OS thread (have 3 already; errno=11)", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Go (runtime)"),
        // https://github.com/mikeizbicki/cmc-csci143/issues/31 (512 processes per student)
        Case(
            text: "-bash: fork: retry: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "cgroup_pids_limit", program: "bash"),
        // https://github.com/docker/for-linux/issues/1383 (`docker exec`; runc init's threads, §11.123)
        Case(
            text:
                "OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: read init-p: connection reset by peer: unknown",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit",
            program: "runc (runc init died in the container's cgroup)"),
        // https://github.com/opencontainers/runc/issues/1547 (after 15,930 execs, each leaving a zombie its caller never reaped)
        Case(
            text:
                "ERROR: Could not run process 31865: container_linux.go:265: starting container process caused \"read init-p: connection reset by peer\"",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit",
            program: "runc (runc init died in the container's cgroup)"),
        // https://github.com/jcrodriguez-dis/vpl-jail-system/issues/37 (a TensorFlow program in a jail, `Aborted (core dumped)`)
        Case(
            text: """
                OMP: Error #34: System unable to allocate necessary resources for OMP thread:
                OMP: System error #11: Resource temporarily unavailable
                OMP: Hint Try decreasing the value of OMP_NUM_THREADS.
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit",
            program: "LLVM/Intel OpenMP (libomp, libiomp5)"),
        // https://github.com/pgiri/dispy/issues/160 (PyTorch jobs under Slurm; this release's hint has a colon)
        Case(
            text: """
                OMP: Error #34: System unable to allocate necessary resources for OMP thread:
                OMP: System error #11: Resource temporarily unavailable
                OMP: Hint: Try decreasing the value of OMP_NUM_THREADS.
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit",
            program: "LLVM/Intel OpenMP (libomp, libiomp5)"),
        // https://github.com/E3SM-Project/E3SM/issues/2206 (gfortran's OpenMP on Cori and Edison)
        Case(
            text:
                "ERS.ne11_oQU240.A_WCYCL1850.cori-knl_gnu.gnu00/run/e3sm.log.11244400.180328-232945:346: libgomp: Thread creation failed: Resource temporarily unavailable",
            errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "libgomp (OpenMP)"),
        // https://github.com/ultralytics/ultralytics/issues/1238 (a container's /dev/shm, "plenty of space left on GPU")
        Case(
            text: """
                RuntimeError: unable to write to file </torch_722_783672312_1>: No space left on device (28)
                ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).
                """, errno: "ENOSPC", kind: .unknown, first: nil, program: "PyTorch (shared memory)"),
        // https://github.com/MIC-DKFZ/nnUNet/issues/294 (the path alone, no errno)
        Case(
            text: "RuntimeError: unable to write to file </torch_15769_1517813162>", errno: nil, kind: .unknown,
            first: nil, program: "PyTorch (shared memory)"),
        // https://github.com/pytorch/pytorch/issues/26009 (a container with --ipc=host)
        Case(
            text:
                "ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).",
            errno: nil, kind: .unknown, first: nil, program: "PyTorch (DataLoader worker, SIGBUS)"),
        // https://github.com/ultralytics/yolov5/issues/1675 ("too many workers"; `--workers 0` made it go away)
        Case(
            text: "RuntimeError: DataLoader worker (pid(s) 296430) exited unexpectedly", errno: nil, kind: .unknown,
            first: nil, program: "PyTorch (DataLoader)"),
        // https://github.com/GrayboxTech/weightslab/issues/111
        Case(
            text:
                "Error in _next_batch: DataLoader worker (pid 2804708) exited unexpectedly with exit code 1. Details are lost due to multiprocessing. Rerunning with num_workers=0 may give better error trace.",
            errno: nil, kind: .unknown, first: nil, program: "PyTorch (DataLoader)"),
        // https://github.com/Clinical-Genomics/patientMatcher/issues/341 (gunicorn's workers under podman, each loading OpenBLAS)
        Case(
            text: """
                Nov 14 07:44:20 cg-vm1.scilifelab.se podman[1408348]: OpenBLAS blas_thread_init: pthread_create failed for thread 6 of 8: Operation not permitted
                Nov 14 07:44:20 cg-vm1.scilifelab.se podman[1408348]: OpenBLAS blas_thread_init: RLIMIT_NPROC 63186 current, 122600 max
                """, errno: "EPERM", kind: .thread, first: "seccomp_or_policy", program: "OpenBLAS"),
        // https://github.com/apptainer/apptainer/issues/2455 (user.max_user_namespaces=0, fakeroot through /etc/subuid)
        Case(
            text: "ERROR  : Failed to create container process: No space left on device", errno: "ENOSPC",
            kind: .process, first: "max_user_namespaces", program: "Apptainer (Singularity)"),
        // https://github.com/strimzi/strimzi-kafka-operator/issues/3766 (the operator on OpenShift 4.4, the title's quotes)
        Case(
            text: "java.io.IOException: Cannot run program “openssl”: error=11, Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Java (ProcessBuilder / Runtime.exec)"
        ),
        // https://github.com/strimzi/strimzi-kafka-operator/issues/3766 (its ZooKeeper client's threads, §11.130)
        Case(
            text: """
                [993123.119s][warning][os,thread] Failed to start thread - pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k, detached.
                2020-10-08 13:41:50 ERROR AbstractOperator:175 - Reconciliation #17277(timer) Kafka(eai-inquiry-services/my-cluster): createOrUpdate failed
                java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached
                	at java.lang.Thread.start0(Native Method) ~[?:?]
                	at java.lang.Thread.start(Thread.java:803) ~[?:?]
                	at org.apache.zookeeper.ClientCnxn.start(ClientCnxn.java:409) ~[org.apache.zookeeper.zookeeper-3.5.7.jar:3.5.7]
                	at org.apache.zookeeper.ZooKeeper.<init>(ZooKeeper.java:884) ~[org.apache.zookeeper.zookeeper-3.5.7.jar:3.5.7]
                """,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit",
            program: "the JVM (HotSpot): Apache ZooKeeper (client)"),
        // https://github.com/enviroCar/enviroCar-server/issues/31 (Jenkins beside tomcat6, JDK 6's fork)
        Case(
            text:
                "java.io.IOException: Cannot run program \"git\" (in directory \"/var/lib/jenkins/jobs/car.io-server-dev/workspace\"): java.io.IOException: error=12, Cannot allocate memory",
            errno: "ENOMEM", kind: .process, first: "pid_max", program: "Java (ProcessBuilder / Runtime.exec)"),
        // https://github.com/confluentinc/kafka-rest/issues/260 (a broker creating and deleting 400 topics, §11.131)
        Case(
            text: """
                java.io.IOException: Map failed
                        at sun.nio.ch.FileChannelImpl.map(FileChannelImpl.java:961)
                        at kafka.log.OffsetIndex.<init>(OffsetIndex.scala:75)
                        at kafka.log.LogSegment.<init>(LogSegment.scala:58)
                """,
            errno: nil, kind: .unknown, first: "map_count_limit", program: "Java (FileChannel.map)"),
        // https://github.com/jcustenborder/kafka-connect-transform-xml/issues/48 (Kafka 3.6 under load)
        Case(
            text: """
                java.io.IOException: Map failed
                at java.base/sun.nio.ch.FileChannelImpl.map(FileChannelImpl.java:1016)
                """,
            errno: nil, kind: .unknown, first: "map_count_limit", program: "Java (FileChannel.map)"),
        // https://github.com/EBISPOT/ols4/issues/392 (Tomcat's poller under heavy load, §11.130)
        Case(
            text: """
                Exception in thread "http-nio-8080-Poller" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached
                	at java.base/java.lang.Thread.start0(Native Method)
                	at java.base/java.lang.Thread.start(Thread.java:801)
                	at org.apache.tomcat.util.threads.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:984)
                	at org.apache.tomcat.util.threads.ThreadPoolExecutor.executeInternal(ThreadPoolExecutor.java:1480)
                """,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the JVM (HotSpot): Apache Tomcat"),
        // https://github.com/liveontologies/elk-reasoner/issues/37 (Tomcat 7's BIO connector)
        Case(
            text:
                "Exception in thread \"http-bio-8080-Acceptor-0\" java.lang.OutOfMemoryError: unable to create new native thread",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the JVM (HotSpot): Apache Tomcat"),
        // https://github.com/NVIDIA/cudf-spark/issues/12413 (a PySpark executor's task thread)
        Case(
            text: """
                [1573.317s][warning][os,thread] Failed to start the native thread for java.lang.Thread "Logging-Cleaner"
                25/03/31 02:40:37 ERROR SparkUncaughtExceptionHandler: Uncaught exception in thread Thread[Executor task launch worker for task 6.0 in stage 6568.0 (TID 48905),5,main]
                java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached
                        at java.base/java.lang.Thread.start0(Native Method)
                        at org.apache.spark.api.python.BasePythonRunner.compute(PythonRunner.scala:186)
                """,
            errno: "EAGAIN", kind: .thread, first: "rlimit_nproc", program: "the JVM (HotSpot): Apache Spark"),
        // https://github.com/gradle/gradle/issues/22951 (jib in a Gradle build on azul/zulu-openjdk:17.0.5)
        Case(
            text: """
                12:08:28  	at org.gradle.internal.concurrent.ManagedExecutorImpl$1.run(ManagedExecutorImpl.java:48)
                12:08:28  Caused by: com.google.cloud.tools.jib.plugins.common.BuildStepsExecutionException: unable to create native thread: possibly out of memory or process/resource limits reached
                """,
            errno: "EAGAIN", kind: .thread, first: "rlimit_nproc", program: "the JVM (HotSpot): Gradle"),
        // https://github.com/jenkinsci/remoting/pull/717 (agents' JarCacheSupport thread)
        Case(
            text: """
                java.lang.OutOfMemoryError: unable to create new native thread
                	at java.lang.Thread.start0(Native Method)
                	at java.lang.Thread.start(Thread.java:717)
                	at hudson.remoting.AtmostOneThreadExecutor.execute(AtmostOneThreadExecutor.java:104)
                """,
            errno: "EAGAIN", kind: .thread, first: "rlimit_nproc", program: "the JVM (HotSpot): Jenkins"),
        // http://ddrv.cn/?p=319167 (`su - oracle` as root, the oracle user's nproc; §11.151)
        Case(
            text: "su: cannot set user id: Resource temporarily unavailable", errno: "EAGAIN", kind: .process,
            first: "rlimit_nproc", program: "a set*uid refused (su, sshd, on a kernel before 3.1)"),
        // https://access.redhat.com/solutions/22105 (RHEL 4 to 8, /var/log/secure)
        Case(
            text: "Nov 24 19:01:45 localhost sshd2[23985]: fatal: setresuid 20054: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "rlimit_nproc",
            program: "a set*uid refused (su, sshd, on a kernel before 3.1)"),
        // https://access.redhat.com/solutions/22105
        Case(
            text:
                "Nov 24 13:00:18 localhost udevd[2244]: udev_event_run: fork of child failed: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit"),
        // https://access.redhat.com/solutions/22105
        Case(
            text: "Nov 24 12:59:14 localhost multipathd: fork failed: Resource temporarily unavailable",
            errno: "EAGAIN",
            kind: .process, first: "cgroup_pids_limit"),
        // https://access.redhat.com/solutions/22105
        Case(
            text:
                "Nov 24 19:06:04 localhost sshd2[28377]: Disconnecting: fork failed: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit"),
        // http://appsdbastuff.blogspot.com/2013/10/ora-27300-os-system-dependent.html (Oracle's note: pid_max; §11.152)
        Case(
            text: """
                ORA-27300: OS system dependent operation:fork failed with status: 11
                ORA-27301: OS failure message: Resource temporarily unavailable
                ORA-27302: failure occurred at: skgpspawn3
                """, errno: "EAGAIN", kind: .process, first: "rlimit_nproc", program: "Oracle Database"),
        // http://otn-world.blogspot.com/2014/04/ora-27300-os-system-dependent.html (pid_max 32768 below ulimit -u)
        Case(
            text: """
                Process startup failed, error stack:
                ORA-27300: OS system dependent operation:fork failed with status: 11
                ORA-27301: OS failure message: Resource temporarily unavailable
                ORA-27302: failure occurred at: skgpspawn5
                """, errno: "EAGAIN", kind: .process, first: "rlimit_nproc", program: "Oracle Database"),
        // https://m.landingbj.com/t-0-174411-1.html (AIX 5.3, RAM 8G and swap 4G: AIX's strerror for 12)
        Case(
            text: """
                ORA-27300: OS system dependent operation:fork failed with status: 12
                ORA-27301: OS failure message: Not enough space
                ORA-27302: failure occurred at: skgpspawn3
                """, errno: "ENOMEM", kind: .process, first: "memory_exhausted", program: "Oracle Database"),
        // http://www.articles.freemegazone.com/oracle-failure-to-spawn-skgpspawn-failed-error.php (before 10g)
        Case(
            text: "skgpspawn failed:category = 27142, depinfo = 12, op = fork, loc =skgpspawn3", errno: "ENOMEM",
            kind: .process, first: "memory_exhausted", program: "Oracle Database"),
        // https://github.com/dotnet/runtime/issues/79612 (a seedbox's shared Debian host; §11.153)
        Case(
            text: "Failed to create CoreCLR, HRESULT: 0x8007000E", errno: "ENOMEM", kind: .unknown, first: "rlimit_as",
            program: ".NET (CoreCLR start)"),
        // https://github.com/dotnet/runtime/issues/85556 (Termux on Android 13, fixed by DOTNET_GCHeapHardLimit)
        Case(
            text: """
                GC heap initialization failed with error 0x8007000E
                Failed to create CoreCLR, HRESULT: 0x8007000E
                """, errno: "ENOMEM", kind: .unknown, first: "rlimit_as", program: ".NET (CoreCLR start)"),
        // https://github.com/Icinga/icinga2/issues/8202 (§11.154)
        Case(
            text: "Error: boost::thread_resource_error: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "C++ (boost::thread)"),
        // https://github.com/Icinga/icinga2/issues/7723 (CloudLinux 7's LVE)
        Case(
            text:
                "[2019-12-20 10:37:34 +0000] critical/Application: Error: boost::thread_resource_error: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "C++ (boost::thread)"),
        // https://github.com/subutai-io/control-center/issues/1445 (threads never quit)
        Case(
            text:
                "[11:37:48] [(0)] Warning: QThread::start: Thread creation error: Resource temporarily unavailable (in function )",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Qt (QThread)"),
        // https://github.com/MasterSoft24/CloudCross/issues/1 (Arch, Qt 5.5.1)
        Case(
            text: "QThread::start: Thread creation error: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Qt (QThread)"),
        // https://github.com/brianlmoon/GearmanManager/issues/136 (PHP 7, a worker per job)
        Case(
            text:
                "PHP Warning:  pcntl_fork(): Error 12 in /usr/local/share/gearman-manager/GearmanManager.php on line 929",
            errno: "ENOMEM", kind: .process, first: "pid_max", program: "PHP (pcntl_fork)"),
        // https://github.com/libvips/libvips/issues/1911 (sharp on Ubuntu 18.04, "how many processes are running")
        Case(
            text: "glib: Error creating thread: Resource temporarily unavailable", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit"),
        // https://github.com/ocaml-multicore/multicoretests/issues/374 (OCaml 5's Thread.create)
        Case(
            text:
                "Thread 2081802 killed on uncaught exception Sys_error(\"Thread.create: Resource temporarily unavailable\")",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/zekyll/OMPEval/issues/16 (one std::thread per evaluation)
        Case(
            text: """
                terminate called after throwing an instance of 'std::system_error'
                  what():  Resource temporarily unavailable
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "C++ (std::thread, libstdc++)"
        ),
        // https://github.com/3proxy/3proxy/issues/817 (thousands of proxy threads)
        Case(
            text: "0 0 0 pthread_create(): Resource temporarily unavailable", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit"),
        // https://github.com/okta/samples-nodejs-express-4/issues/19 (on Heroku: the dyno's count)
        Case(
            text: "node[849]: pthread_create: Resource temporarily unavailable", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit"),
        // https://github.com/ceph-dovecot/dovecot-ceph-plugin/issues/188 (librados' threads, 2000 IMAP clients)
        Case(
            text:
                "Aug 20 17:25:51 lmtp: Error: Thread::try_create(): pthread_create failed with error 11/build/ceph-roHgVA/ceph-12.2.4/src/common/Thread.cc: In function 'void Thread::create(const char*, size_t)' thread 150ce7800000 time 2018-08-20 17:25:50.971919",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/travis-ci/travis-ci/issues/2215
        Case(
            text: """
                ERROR; return code from pthread_create() is 11
                    Error detail: Resource temporarily unavailable
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/rabbitmq/rabbitmq-server/issues/1417 (two nodes in LXC containers on one host; typed by hand)
        Case(
            text:
                "Failed to create thread:Resource temporarily unavaliable /usr/lib/rabbitmq/bin/rabbitmq-server:line 271 :7685 Aborted.",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "the Erlang VM (BEAM)"),
        // https://github.com/rabbitmq/rabbitmq-server/issues/8795 (RabbitMQ 3.8.9 on a host of 512 GB)
        Case(
            text: "Failed to create thread: Resource temporarily unavailable (11)", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit", program: "the Erlang VM (BEAM)"),
        // https://github.com/rabbitmq/rabbitmq-java-client/issues/327 (Android's ART; bionic's strerror)
        Case(
            text: "Fatal Exception: java.lang.OutOfMemoryError pthread_create (1040KB stack) failed: Try again",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/ruby-amqp/bunny/issues/315 (Heroku)
        Case(
            text: "ThreadError: can't create Thread: Resource temporarily unavailable", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit", program: "Ruby (MRI)"),
        // https://github.com/magemojo/m2-ce-cron/issues/39 (Magento's cron on an EC2 c4.large, PHP 7.0)
        Case(
            text: "Warning: exec(): Unable to fork [cat /proc/cpuinfo | grep processor | wc -l]", errno: nil,
            kind: .process, first: "commit_limit", program: "PHP (exec, shell_exec, system, passthru)"),
        // https://github.com/Zilliqa/zq1/issues/151 (kern.log: "fork rejected by pids controller in /user.slice/user-1000.slice")
        Case(
            text:
                "[TID 32744][08:29:54   ][DetachedFunction    ] Error: 1 times tried. Caught system_error with code generic:11 meaning Resource temporarily unavailable",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "C++ (std::thread, libstdc++)"),
        // https://github.com/mongodb-partners/mongo-rocks/issues/147 (mongod 3.2.11 with libc++)
        Case(
            text: """
                2018-11-16T08:55:24.677+0800 F -        [initandlisten] std::exception::what(): thread constructor failed: Resource temporarily unavailable
                Actual exception type: std::__1::system_error
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "MongoDB (mongod / mongos)"),
        // https://github.com/canonical/mongodb-operator/issues/576 (the snap's unit, TasksMax=infinity asked)
        Case(
            text:
                #"{"t":{"$date":"2025-09-04T07:34:26.758+00:00"},"s":"E",  "c":"-",        "id":4850900, "ctx":"listener","msg":"pthread_create failed","attr":{"error":"Resource temporarily unavailable"}}"#,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "MongoDB (mongod / mongos)"),
        // http://serverfault.com/questions/115956/stop-postfix-from-gobbling-up-resources-during-spammer-dictionary-attacks
        // (Virtuozzo's 900 non-TCP sockets: no task, §11.154)
        Case(
            text: "Feb 23 06:26:22 postfix/smtpd[3936]: fatal: socket: Cannot allocate memory", errno: "ENOMEM",
            kind: .unknown, first: nil, program: "Postfix (a socket refused)"),
        // http://serverfault.com/questions/115956/stop-postfix-from-gobbling-up-resources-during-spammer-dictionary-attacks
        Case(
            text:
                "Feb 23 06:26:22 postfix/smtpd[3938]: warning: connect #1 to subsystem private/proxymap: Cannot allocate memory",
            errno: "ENOMEM", kind: .unknown, first: nil, program: "Postfix (a socket refused)"),
        // https://github.com/adoxa/ansicon/issues/102 (Cygwin: Windows, not Linux; §11.180)
        Case(
            text: """
                      0 [main] bash 11116 fork: child 9828 - died waiting for dll loading, errno 11
                ./onk.sh: fork: retry: Resource temporarily unavailable
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/git-for-windows/git/issues/649 (Git for Windows' dash)
        Case(
            text: """
                    759 [main] dash 5556 fork: child 4112 - died waiting for dll loading, errno 11
                dash: 1: Cannot fork
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/cmderdev/cmder/issues/1461 (Windows 7; bash's retry line says ECHILD)
        Case(
            text: """
                      0 [main] bash 25764 fork: child 29676 - died waiting for dll loading, errno 11
                bash: fork: retry: No child processes
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/babun/babun/issues/603 (a DLL moved: zsh prints a fork refused)
        Case(
            text: """
                      0 [main] zsh 9648 child_info_fork::abort: C:\\Users\\Daniel\\.babun\\cygwin\\bin\\libzsh-5.0.6.dll: Loaded to different address: parent(0xDF0000) != child(0xBB0000)
                /usr/local/etc/babun.rc:10: fork failed: resource temporarily unavailable
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/mintty/wsltty/issues/25 (0xC0000142: STATUS_DLL_INIT_FAILED)
        Case(
            text:
                "453785 [main] mintty 15304 fork: child -1 - forked process 23852 died unexpectedly, retry 0, exit code 0xC0000142, errno 11",
            errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/mintty/wsltty/issues/25 (mintty's own advice)
        Case(
            text: """
                Error: Could not fork child process: Resource temporarily unavailable (-1).
                DLL rebasing may be required; see 'rebaseall / rebase --help'.
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/xpipe-io/xpipe/issues/522 (MSYS2; Win32 error 299: a partial copy)
        Case(
            text: """
                0 [main] bash 998 child_copy: dll data read copy failed, 0xE0C000..0xE25C30, done 0, windows pid 83352, Win32 error 299
                1 [main] bash 997 dofork: child -1 - forked process 83352 died unexpectedly, retry 0, exit code 0xC0000005, errno 11
                /etc/msystem: fork: retry: Resource temporarily unavailable
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/babun/babun/issues/414 (Windows 10: the mapping could not be recreated)
        Case(
            text: """
                315926558 [main] zsh 3744 fhandler_dev_zero::fixup_mmap_after_fork: requested 0xFFE90000 != 0x0 mem alloc base 0x0, state 0x10000, size 53248, Win32 error 487
                315927314 [main] zsh 3744 C:\\Users\\herb\\.babun\\cygwin\\bin\\zsh.exe: *** fatal error in forked process - recreate_mmaps_after_fork_failed
                315932120 [main] zsh 3744 cygwin_exception::open_stackdumpfile: Dumping stack trace to zsh.exe.stackdump
                316032931 [main] -zsh 608 fork: child -1 - forked process 3744 died unexpectedly, retry 0, exit code 0x100, errno 11
                zsh: fork failed: resource temporarily unavailable
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/Macaulay2/M2/issues/271 (32-bit Windows 7; 0xC0000135: a DLL not found)
        Case(
            text: """
                      0 [unknown (0x14B0)] M2 6092 fork: child -1 - forked process 3548 died unexpectedly, retry 0, exit code 0xC0000135, errno 11
                /usr/share/Macaulay2/Core/document.m2:808:29:(1):[8]: error: can't fork : Resource temporarily unavailable
                """, errno: "EAGAIN", kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/msys2/MINGW-packages/issues/26511 (parallel cvise under MSYS2)
        Case(
            text:
                "      0 [main] bash (1552) child_copy: cygheap read copy failed, 0x800000000..0x80000BBF0, done 0, windows pid 1552, Win32 error 299",
            errno: nil, kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/gap-packages/io/issues/80 (32-bit Cygwin; Win32 error 1455: Windows' commit limit)
        Case(
            text: """
                      1 [main] gap 1908 fixup_mmaps_after_fork: VirtualAlloc failed for MAP_PRIVATE address 0x9FEA0000, Win32 error 1455
                    628 [main] gap 1908 C:\\cygwin\\home\\appveyor\\gap\\.libs\\gap.exe: *** fatal error in forked process - recreate_mmaps_after_fork_failed
                """, errno: nil, kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // OpenJDK's doc/building.md, "Out of Memory Errors" (Cygwin's heap.cc in the forked child; §11.215)
        Case(
            text: """
                fatal error - couldn't allocate heap
                cannot create ... Permission denied
                spawn failed
                """, errno: nil, kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // https://github.com/mintty/wsltty/issues/66 (wsltty's mintty, a Cygwin program: "Likely duplicate of #25")
        Case(
            text: "Error: could not fork child process: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .process, first: nil, program: "Cygwin / MSYS2 (on Windows)"),
        // http://a-k-r.org/d/2012-06.html (Ruby 2.0.0dev under Process.setrlimit(:NPROC, 95): the child's timer thread)
        Case(
            text: "[FATAL] Failed to create timer thread (errno: 11)", errno: "EAGAIN", kind: .thread,
            first: "cgroup_pids_limit", program: "Ruby (MRI)"),
        // https://github.com/joergen7/cuneiform/issues/59 (a port per task; the atom is the errno, §11.181)
        Case(
            text:
                #"{eagain,[{erlang,open_port,[{spawn,"bash"},[exit_status,stderr_to_stdout,binary,{cd,"/tmp/cf-2/work/10"},{line,1024}]],[]}"#,
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "the Erlang VM (open_port)"),
        // https://github.com/esl/MongooseIM/issues/1265 ("creating swap space resolved the issue")
        Case(
            text: "erl_child_setup closed", errno: "ENOMEM", kind: .process, first: "commit_limit",
            program: "the Erlang VM (erl_child_setup)"),
        // https://github.com/ninenines/erlang.mk/issues/864 (EPIPE: the helper gone, under high load)
        Case(
            text: """
                Failed to write to erl_child_setup: 32

                Crash dump is being written to: erl_crash.dump...done
                """, errno: "ENOMEM", kind: .process, first: "commit_limit",
            program: "the Erlang VM (erl_child_setup)"),
        // https://github.com/radiasoft/sirepo/issues/2816 (karma in docker; a privilege, not a limit, §11.182)
        Case(
            text: """
                19 08 2020 22:40:50.558:ERROR [launcher]: Cannot start ChromeHeadless
                        Failed to move to new namespace: PID namespaces supported, Network namespace supported, but failed: errno = Operation not permitted
                """, errno: "EPERM", kind: .process, first: nil, program: "Chrome / Chromium (setuid sandbox)"),
        // https://github.com/AppImageCommunity/pkg2appimage/issues/458 (an AppImage: the setuid bit ignored)
        Case(
            text: """
                The setuid sandbox is not running as root. Common causes:
                  * An unprivileged process using ptrace on it, like a debugger.
                  * A parent process set prctl(PR_SET_NO_NEW_PRIVS, ...)
                Failed to move to new namespace: PID namespaces supported, Network namespace supported, but failed: errno = Operation not permitted
                Trace/breakpoint trap
                """, errno: "EPERM", kind: .process, first: nil, program: "Chrome / Chromium (setuid sandbox)"),
        // https://github.com/balena-io/etcher/issues/1578 (Node's error as JSON, on macOS)
        Case(
            text:
                #"{"code":"EAGAIN","errno":"EAGAIN","syscall":"spawn /bin/sh","path":"sh","spawnargs":["-c","\"/var/folders/jz/2t5hs51j0rs17q6c3psdnlk00000gn/T/tmp-76428Eg5R0bc62QgQ.sh\""],"cmd":"\"/var/folders/jz/2t5hs51j0rs17q6c3psdnlk00000gn/T/tmp-76428Eg5R0bc62QgQ.sh\""}"#,
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Node.js (child_process)"),
        // https://github.com/snu-sf-class/swpp202401/issues/18 (clang-scan-deps under ninja on a shared server)
        Case(
            text: "LLVM ERROR: pthread_create failed: Resource temporarily unavailable", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "LLVM (clang, lld, clang-scan-deps)"),
        // https://github.com/jsk-ros-pkg/jsk_common/pull/1196 (Travis CI: the 32nd relay node)
        Case(
            text:
                "ERROR: unable to launch [/home/travis/ros/ws_jsk_common/devel/lib/jsk_topic_tools/string_relay ~input:=string_relay_31/output __name:=string_relay_32 __log:=/home/travis/.ros/log/b79e87b8-7706-11e5-9e5c-3f351d2b585a/string_relay_32-35.log]: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "roslaunch (ROS)"),
        // https://github.com/Janhouse/tespeed/issues/22 (a Manager's connection read: no fork, §11.182)
        Case(
            text: """
                    message = connection.recv_bytes(256)         # reject large message
                IOError: [Errno 11] Resource temporarily unavailable
                """, errno: "EAGAIN", kind: .unknown, first: nil, program: "Python 2 (IOError)"),
        // https://github.com/DanBigioi/DiffusionVideoEditing/issues/4 (glog's CHECK_EQ prints the errno, §10.16)
        Case(
            text:
                "F20230801 21:50:32.905575  4768 threadpool_pthread_impl.cc:51] Check failed: res == 0 (11 vs. 0) pthread_create failed",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit"),
        // https://github.com/goharbor/harbor/issues/15944 (dockerd could not start the shim)
        Case(
            text:
                "ERROR: for registryctl  Cannot start service registryctl: : fork/exec /usr/bin/containerd-shim-runc-v2: resource temporarily unavailable: unknown",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Go (os/exec)"),
        // https://github.com/awslabs/amazon-eks-ami/issues/239 (two RabbitMQ pods on one node)
        Case(
            text: """
                        message: 'failed to start shim: fork/exec /usr/bin/docker-containerd-shim:
                          resource temporarily unavailable: unknown'
                """, errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "Go (os/exec)"),
        // https://github.com/containerd/cri/issues/862 (SUSE 12 SP3: runc under containerd's unit)
        Case(
            text:
                #"Jul 25 06:32:29 cri-master containerd[18842]: time="2018-07-25T06:32:29Z" level=error msg="CreateContainer within sandbox \"d2b09257f118ae5693a149800dc91bf3e88e72f966d881c09388ad77a2de39a4\" for &ContainerMetadata{Name:nginx-ingress,Attempt:8,} failed" error="failed to get sandbox container task: OCI runtime state failed: runc did not terminate sucessfully: runtime/cgo: pthread_create failed: Resource temporarily unavailable"#,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Go (cgo)"),
        // https://github.com/miguelgrinberg/flasky/issues/470 (a VPS: dockerd's prestart hook)
        Case(
            text:
                #"ERROR: for app  Cannot start service app: OCI runtime create failed: container_linux.go:345: starting container process caused "process_linux.go:430: container init caused \"process_linux.go:413: running prestart hook 0 caused \\\"error running hook: exit status 2, stdout: , stderr: runtime/cgo: pthread_create failed: Resource temporarily unavailable"#,
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Go (cgo)"),
        // https://github.com/yanzhenjie/NoHttp/issues/149 (Android: bionic's clone refused, ART's exception; §11.204)
        Case(
            text: """
                libc: pthread_create failed: clone failed: Out of memory
                Throwing OutOfMemoryError "pthread_create (1040KB stack) failed: Out of memory"
                """, errno: "ENOMEM", kind: .thread, first: "pid_max", program: "Android's C library (bionic)"),
        // https://github.com/luckybilly/CC/issues/48 (Huawei phones on Android 7.0: clone's ENOMEM, §11.204)
        Case(
            text: """
                java.lang.OutOfMemoryError
                pthread_create (1040KB stack) failed: Out of memory
                """, errno: "ENOMEM", kind: .thread, first: "pid_max", program: "Android's runtime (ART, Dalvik)"),
        // https://github.com/4thline/cling/issues/193 (ART's EAGAIN: the stack's mapping or clone, §11.204)
        Case(
            text: "java.lang.OutOfMemoryError: pthread_create (1040KB stack) failed: Try again", errno: "EAGAIN",
            kind: .thread, first: "cgroup_pids_limit", program: "Android's runtime (ART, Dalvik)"),
        // https://github.com/mapzen/open/issues/181 (Dalvik's words before ART's, §11.204)
        Case(
            text: "java.lang.OutOfMemoryError: pthread_create (stack size 16384 bytes) failed: Try again",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Android's runtime (ART, Dalvik)"),
        // https://access.redhat.com/node/1395733 (RHEL 4 to 8: udevd, root, beside sshd and multipathd; §11.207)
        Case(
            text:
                "Nov 24 13:00:18 localhost udevd[2244]: udev_event_run: fork of child failed: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "udev (udevd)"),
        // https://access.redhat.com/node/1395733 (sshd's listener, as root)
        Case(
            text: "Nov 24 19:08:51 localhost sshd[4243]: error: fork: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit", program: "OpenSSH sshd (listener)"),
        // https://access.redhat.com/node/1395733 (a set*uid refused on RHEL 6's 2.6.32, §11.151)
        Case(
            text: "Nov 24 19:01:45 localhost sshd2[23985]: fatal: setresuid 20054: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "rlimit_nproc"),
        // https://access.redhat.com/node/1395733 (multipathd: a root daemon that names no errno's cause)
        Case(
            text: "Nov 24 12:59:14 localhost multipathd: fork failed: Resource temporarily unavailable",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit"),
        // https://github.com/golang/go/issues/20763 (Go 1.8.3 on qemu-aarch64 2.9: clone's EINVAL, §11.208)
        Case(
            text: """
                runtime: failed to create new OS thread (have 2 already; errno=22)
                fatal error: newosproc
                """, errno: "EINVAL", kind: .thread, first: nil, program: "Go (runtime)"),
        // https://github.com/multiarch/qemu-user-static/issues/22 (qemu-arm-static 2.8 and newer, Go 1.6)
        Case(
            text: "runtime: failed to create new OS thread (have 2 already; errno=22)", errno: "EINVAL",
            kind: .thread, first: nil, program: "Go (runtime)"),
        // https://github.com/golang/go/issues/15476 (all.bash: "fixed by setting ulimit -u higher", §11.208)
        Case(
            text: """
                runtime: failed to create new OS thread (have 6 already; errno=11)
                fatal error: newosproc
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Go (runtime)"),
        // https://github.com/mikeizbicki/cmc-csci143/issues/59 (`docker-compose exec` on a shared server)
        Case(
            text: """
                runtime: failed to create new OS thread (have 13 already; errno=11)
                runtime: may need to increase max user processes (ulimit -u)
                fatal error: newosproc
                """, errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "Go (runtime)"),
        // https://github.com/captain-miao/AndroidAgeraTutorial/issues/2 (ART at its open-files limit, §11.209)
        Case(
            text: """
                art: ashmem_create_region failed for 'indirect ref table': Too many open files
                W/art: Throwing OutOfMemoryError "Could not allocate JNI Env"
                java.lang.OutOfMemoryError: Could not allocate JNI Env
                """, errno: nil, kind: .thread, first: nil, program: "Android's runtime (ART, Dalvik)"),
        // https://github.com/koush/ion/issues/819 (the exception alone: no task was asked for)
        Case(
            text: "java.lang.OutOfMemoryError: Could not allocate JNI Env", errno: nil, kind: .thread, first: nil,
            program: "Android's runtime (ART, Dalvik)"),
        // https://github.com/TeaSpeak/TeaSpeak/issues/473 (return 11 beside errno 12: glibc's
        // translated stack mapping, no task limit; §11.211)
        Case(
            text: """
                [Thread] Could not spawn new thread. This is fatal! (Invalid pointer)
                [Thread] Return code  : 11
                [Thread] Errno        : 12
                [Thread] Errno message: Cannot allocate memory
                """, errno: "ENOMEM", kind: .thread, first: "map_count_limit",
            program: "TeaSpeak (its Thread-Pool library)"),
        // https://github.com/krakjoe/pthreads/issues/100 (PHP pthreads stopping at 312 threads; §11.213)
        Case(
            text:
                "Warning: pthreads has detected that the socket_Thread could not be started, the system lacks the necessary resources or the system-imposed limit would be exceeded.",
            errno: "EAGAIN", kind: .thread, first: "cgroup_pids_limit", program: "PHP (pthreads extension)"),
        // https://github.com/systemd/systemd/issues/3833 (UserTasksMax=infinity ignored by logind 231:
        // user-4967.slice's pids.max stays 12288; §11.212)
        Case(
            text:
                "systemd-logind[1537197]: [/etc/systemd/logind.conf:5] Failed to parse tasks maximum, ignoring: infinity",
            errno: "EAGAIN", kind: .process, first: "cgroup_pids_limit",
            program: "systemd (a TasksMax value it could not parse)"),
        // https://github.com/bgpeer/nodekit/pull/154 (vm.overcommit_memory 2 on a Docker host:
        // runc init gone before it read runc's data; §11.216)
        Case(
            text: "OCI runtime create failed: write init-p: broken pipe", errno: "ENOMEM", kind: .process,
            first: "memcg_limit", program: "runc (runc init died before it read its bootstrap data)"),
        // https://github.com/bgpeer/nodekit/pull/154 (the kernel's own line, all dmesg showed; §11.216)
        Case(
            text: "__vm_enough_memory: not enough memory for the allocation", errno: "ENOMEM", kind: .unknown,
            first: "commit_limit", program: "the kernel"),
        // https://github.com/opencontainers/runc/issues/2736 (a memory limit of 1000 bytes; §11.123)
        Case(
            text:
                "ERRO[0000] container_linux.go:367: starting container process caused: process_linux.go:348: copying bootstrap data to pipe caused: write init-p: broken pipe",
            errno: "ENOMEM", kind: .process, first: "memcg_limit",
            program: "runc (runc init died before it read its bootstrap data)"),
    ]

    func testEveryCollectedMessage() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 40)
        for item in Self.cases {
            let explanation = Explainer.explain(item.text)
            let message = explanation.message
            XCTAssertEqual(message.errno, item.errno, item.text, line: item.line)
            XCTAssertEqual(message.kind, item.kind, item.text, line: item.line)
            let first = explanation.known?.cause.id ?? explanation.causes.first?.id
            XCTAssertEqual(first, item.first, item.text, line: item.line)
            if let program = item.program {
                XCTAssertEqual(message.program, program, item.text, line: item.line)
            }
        }
    }
}
