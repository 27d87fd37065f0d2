/// Each section of a record read from a line's `JSONTape`
/// (Reading/RecordDecoding.swift): every field optional, each unreadable one
/// lost alone and counted; a key the section does not know is passed over
/// (a newer shim may add fields).
extension ProcessSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = ProcessSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .pid: self.pid = tape.field(member, &losses)
            case .tid: self.tid = tape.field(member, &losses)
            case .uid: self.uid = tape.field(member, &losses)
            case .comm: self.comm = tape.field(member, &losses)
            case .threadComm: self.threadComm = tape.field(member, &losses)
            case .seccomp: self.seccomp = tape.field(member, &losses)
            case .exe: self.exe = tape.field(member, &losses)
            case nil:
                // argv is read for the one thing a report uses of it.
                if tape.key(member, is: Self.argv), tape.isArray(member) {
                    self.jvmProduct = JVMProduct(argv: tape.children(of: member).compactMap(tape.string))
                }
            }
        }
    }

    private static let argv = KeyName("argv")
}

extension CallSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = CallSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .name: self.name = tape.field(member, &losses)
            case .errno: self.errno = tape.field(member, &losses)
            case .errnoName: self.errnoName = tape.field(member, &losses)
            case .cloneFlags: self.cloneFlags = tape.field(member, &losses)
            case .stackSizeBytes: self.stackSizeBytes = tape.field(member, &losses)
            case .execsInFlight: self.execsInFlight = tape.field(member, &losses)
            case .suppressed: self.suppressed = tape.field(member, &losses)
            case .injected: self.injected = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension FillRefusal: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = FillRefusal()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .reason: self.reason = tape.field(member, &losses)
            case .needBytes: self.needBytes = tape.field(member, &losses)
            case .version: self.version = tape.field(member, &losses)
            case .mount: self.mount = tape.field(member, &losses)
            case .path: self.path = tape.field(member, &losses)
            case .counter: self.counter = tape.field(member, &losses)
            case .currentBytes: self.currentBytes = tape.field(member, &losses)
            case .maxBytes: self.maxBytes = tape.field(member, &losses)
            case .memAvailableKb: self.memAvailableKb = tape.field(member, &losses)
            case .source: self.source = tape.field(member, &losses)
            case .errnoName: self.errnoName = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension HeldTally: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = HeldTally()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .logErrno: self.logErrno = tape.field(member, &losses)
            case .logErrnoName: self.logErrnoName = tape.field(member, &losses)
            case .fill: self.fill = tape.field(member, &losses)
            case .overflow: self.overflow = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension PIDSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = PIDSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .pidMax: self.pidMax = tape.field(member, &losses)
            case .threadsMax: self.threadsMax = tape.field(member, &losses)
            case .hostTasks: self.hostTasks = tape.field(member, &losses)
            case .pidNs: self.pidNs = tape.field(member, &losses)
            case .pidForChildrenNs: self.pidForChildrenNs = tape.field(member, &losses)
            case .nspid: self.nspid = tape.field(member, &losses)
            case .nsTasks: self.nsTasks = tape.field(member, &losses)
            case .childrenNsTasks: self.childrenNsTasks = tape.field(member, &losses)
            case .hostLowTasks: self.hostLowTasks = tape.field(member, &losses)
            case .nsLowTasks: self.nsLowTasks = tape.field(member, &losses)
            case .maxUserNamespaces: self.maxUserNamespaces = tape.field(member, &losses)
            case .maxPidNamespaces: self.maxPidNamespaces = tape.field(member, &losses)
            case .limitsUserNs: self.limitsUserNs = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension LimitsSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = LimitsSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .nproc: self.nproc = tape.field(member, &losses)
            case .`as`: self.`as` = tape.field(member, &losses)
            case .stack: self.stack = tape.field(member, &losses)
            case .nprocExempt: self.nprocExempt = tape.field(member, &losses)
            case .uidTasks: self.uidTasks = tape.field(member, &losses)
            case .uidTasksOtherPidns: self.uidTasksOtherPidns = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension RLimit: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = RLimit(soft: nil)
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .soft: self.soft = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension CgroupsSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = CgroupsSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .pids: self.pids = tape.field(member, &losses)
            case .memory: self.memory = tape.field(member, &losses)
            case .pidsMount: self.pidsMount = tape.field(member, &losses)
            case .memoryMount: self.memoryMount = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension CgroupMount: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = CgroupMount()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .version: self.version = tape.field(member, &losses)
            case .mount: self.mount = tape.field(member, &losses)
            case .root: self.root = tape.field(member, &losses)
            case .localEvents: self.localEvents = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension PIDsCgroupLevel: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = PIDsCgroupLevel()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .version: self.version = tape.field(member, &losses)
            case .path: self.path = tape.field(member, &losses)
            case .dir: self.dir = tape.field(member, &losses)
            case .max: self.max = tape.field(member, &losses)
            case .current: self.current = tape.field(member, &losses)
            case .peak: self.peak = tape.field(member, &losses)
            case .eventsMax: self.eventsMax = tape.field(member, &losses)
            case .eventsMaxLocal: self.eventsMaxLocal = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension MemoryCgroupLevel: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = MemoryCgroupLevel()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .version: self.version = tape.field(member, &losses)
            case .path: self.path = tape.field(member, &losses)
            case .dir: self.dir = tape.field(member, &losses)
            case .maxBytes: self.maxBytes = tape.field(member, &losses)
            case .currentBytes: self.currentBytes = tape.field(member, &losses)
            case .events: self.events = tape.field(member, &losses)
            case .failcnt: self.failcnt = tape.field(member, &losses)
            case .oomKillDisable: self.oomKillDisable = tape.field(member, &losses)
            case .oomKill: self.oomKill = tape.field(member, &losses)
            case .eventsLocal: self.eventsLocal = tape.field(member, &losses)
            case .kmemMaxBytes: self.kmemMaxBytes = tape.field(member, &losses)
            case .kmemCurrentBytes: self.kmemCurrentBytes = tape.field(member, &losses)
            case .kmemFailcnt: self.kmemFailcnt = tape.field(member, &losses)
            case .memswMaxBytes: self.memswMaxBytes = tape.field(member, &losses)
            case .memswCurrentBytes: self.memswCurrentBytes = tape.field(member, &losses)
            case .memswFailcnt: self.memswFailcnt = tape.field(member, &losses)
            case .swapMaxBytes: self.swapMaxBytes = tape.field(member, &losses)
            case .swapCurrentBytes: self.swapCurrentBytes = tape.field(member, &losses)
            case .swapEvents: self.swapEvents = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension MemoryEvents: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = MemoryEvents()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .max: self.max = tape.field(member, &losses)
            case .oom: self.oom = tape.field(member, &losses)
            case .oomKill: self.oomKill = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension SwapEvents: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = SwapEvents()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .max: self.max = tape.field(member, &losses)
            case .fail: self.fail = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension MemorySnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = MemorySnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .memTotalKb: self.memTotalKb = tape.field(member, &losses)
            case .memAvailableKb: self.memAvailableKb = tape.field(member, &losses)
            case .swapTotalKb: self.swapTotalKb = tape.field(member, &losses)
            case .swapFreeKb: self.swapFreeKb = tape.field(member, &losses)
            case .memFreeKb: self.memFreeKb = tape.field(member, &losses)
            case .cachedKb: self.cachedKb = tape.field(member, &losses)
            case .buffersKb: self.buffersKb = tape.field(member, &losses)
            case .shmemKb: self.shmemKb = tape.field(member, &losses)
            case .sReclaimableKb: self.sReclaimableKb = tape.field(member, &losses)
            case .commitLimitKb: self.commitLimitKb = tape.field(member, &losses)
            case .committedAsKb: self.committedAsKb = tape.field(member, &losses)
            case .overcommitMemory: self.overcommitMemory = tape.field(member, &losses)
            case .overcommitRatio: self.overcommitRatio = tape.field(member, &losses)
            case .vmSizeKb: self.vmSizeKb = tape.field(member, &losses)
            case .vmDataKb: self.vmDataKb = tape.field(member, &losses)
            case .vmRssKb: self.vmRssKb = tape.field(member, &losses)
            case .mapCount: self.mapCount = tape.field(member, &losses)
            case .maxMapCount: self.maxMapCount = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension TopSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = TopSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .complete: self.complete = tape.field(member, &losses)
            case .processes: self.processes = tape.field(member, &losses)
            case .zombies: self.zombies = tape.field(member, &losses)
            case .holders: self.holders = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension PIDHolder: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = PIDHolder(pid: nil, comm: nil, threads: nil)
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .pid: self.pid = tape.field(member, &losses)
            case .comm: self.comm = tape.field(member, &losses)
            case .uid: self.uid = tape.field(member, &losses)
            case .threads: self.threads = tape.field(member, &losses)
            case .zombies: self.zombies = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension ContainerSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = ContainerSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .cgroupNs: self.cgroupNs = tape.field(member, &losses)
            case .userNs: self.userNs = tape.field(member, &losses)
            case .uidMap: self.uidMap = tape.field(member, &losses)
            case .markers: self.markers = tape.field(member, &losses)
            case .manager:
                // An empty manager names none.
                let manager: String? = tape.field(member, &losses)
                self.manager = manager.flatMap { $0.isEmpty ? nil : $0 }
            case .bindRoots: self.bindRoots = tape.field(member, &losses)
            case .rootSource:
                let value: String? = tape.field(member, &losses)
                self.rootSource = value.flatMap { $0.isEmpty ? nil : $0 }
            case .containerenv: self.containerenv = tape.field(member, &losses)
            case .initContainer:
                let value: String? = tape.field(member, &losses)
                self.initContainer = value.flatMap { $0.isEmpty ? nil : $0 }
            case .lxcfs: self.lxcfs = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension BeancountersSnapshot: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = BeancountersSnapshot()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .ctid: self.ctid = tape.field(member, &losses)
            case .numproc: self.numproc = tape.field(member, &losses)
            case .privvmpages: self.privvmpages = tape.field(member, &losses)
            case .kmemsize: self.kmemsize = tape.field(member, &losses)
            case .physpages: self.physpages = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension BeancounterRow: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = BeancounterRow()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .held: self.held = tape.field(member, &losses)
            case .maxheld: self.maxheld = tape.field(member, &losses)
            case .barrier: self.barrier = Self.bound(tape, member, &losses)
            case .limit: self.limit = Self.bound(tape, member, &losses)
            case .failcnt: self.failcnt = tape.field(member, &losses)
            case nil: continue
            }
        }
    }

    /// A barrier or limit: the kernel writes LONG_MAX for an unlimited one
    /// (every row but numproc on a default container), past the largest
    /// quantity a record holds, so it is read as `unlimited`, not lost.
    private static func bound(_ tape: JSONTape, _ node: Int, _ losses: inout Int) -> Int64? {
        switch tape.field(node, &losses) as LimitValue? {
        case .value(let number): return number
        case .unlimited: return unlimited
        case nil: return nil
        }
    }
}

extension BacktraceFrame: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        self = BacktraceFrame()
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .addr: self.addr = tape.field(member, &losses)
            case .module: self.module = tape.field(member, &losses)
            case .offset: self.offset = tape.field(member, &losses)
            case .buildId: self.buildId = tape.field(member, &losses)
            case nil: continue
            }
        }
    }
}

extension LimitValue: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        if let number = tape.quantity(node) {
            self = .value(number)
        } else if let number = tape.int64(node), number > JSONTape.largestQuantity {
            // Beyond any real limit: cgroup v1's PAGE_COUNTER_MAX pages
            // (9223372036854771712 bytes on 4 KiB pages), RLIM_INFINITY.
            self = .unlimited
        } else if tape.uint64(node) != nil {
            self = .unlimited
        } else if let word = tape.string(node), word == "unlimited" || word == "max" {
            self = .unlimited
        } else {
            return nil
        }
    }
}

extension RecordType: TapeDecodable {
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard let word = tape.string(node) else { return nil }
        switch word {
        case "failure": self = .failure
        case "tally": self = .tally
        default: self = .other(word)
        }
    }
}

extension LogRecord: TapeDecodable {
    private static let keys = KeyTable(CodingKeys.self)

    /// Nil unless the line is an object with a `schema` and a `type`: the
    /// two fields a line must have to be a record at all.
    init?(tape: JSONTape, at node: Int, losses: inout Int) {
        guard tape.isObject(node) else { return nil }
        var schema: Int?
        var type: RecordType?
        self.init(type: .failure)
        for member in tape.children(of: node) {
            switch Self.keys(tape, member) {
            case .schema: schema = Int(tape: tape, at: member, losses: &losses)
            case .type: type = RecordType(tape: tape, at: member, losses: &losses)
            case .source: source = tape.field(member, &losses)
            case .time: time = tape.field(member, &losses)
            case .host: host = tape.field(member, &losses)
            case .bootId: bootId = tape.field(member, &losses)
            case .kernel: kernel = tape.field(member, &losses)
            case .arch: arch = tape.field(member, &losses)
            case .libc: libc = tape.field(member, &losses)
            case .libcVersion: libcVersion = tape.field(member, &losses)
            case .glibc: glibc = tape.field(member, &losses)
            case .process: process = tape.field(member, &losses)
            case .call: call = tape.field(member, &losses)
            case .pid: pid = tape.field(member, &losses)
            case .limits: limits = tape.field(member, &losses)
            case .cgroups: cgroups = tape.field(member, &losses)
            case .memory: memory = tape.field(member, &losses)
            case .top: top = tape.field(member, &losses)
            case .container: container = tape.field(member, &losses)
            case .beancounters: beancounters = tape.field(member, &losses)
            case .lve: lve = tape.field(member, &losses)
            case .backtrace: backtrace = tape.field(member, &losses)
            case .unreadable: unreadable = tape.field(member, &losses)
            case .absent: absent = tape.field(member, &losses)
            case .fillRefused: fillRefused = tape.field(member, &losses)
            case .held: held = tape.field(member, &losses)
            case nil: continue
            }
        }
        guard let schema, let type else { return nil }
        self.schema = schema
        self.type = type
    }
}
