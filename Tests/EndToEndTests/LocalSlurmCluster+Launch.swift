import Foundation

/// Starting a cluster: its folder, ports and slurm.conf, the two daemons, the wait for the idle node.
extension LocalSlurmCluster {
    /// One start: a fresh folder and ports, slurm.conf, both daemons and the wait for the idle node.
    struct Launch {
        let folder: TemporaryDirectory
        let name: String
        let ports: [Int]
        let configPath: String
        let slurmctld: Daemon, slurmd: Daemon

        /// The first start of `attempts` that does not fail for a port taken; a start that fails otherwise throws.
        static func first(of attempts: Int, seconds: Double) throws -> Launch {
            for attempt in 1...max(1, attempts) {
                do {
                    return try Launch(seconds: seconds)
                } catch let failure as StartFailure where failure.portInUse && attempt < attempts {
                    continue
                }
            }
            throw StartFailure(description: "the cluster did not start in \(attempts) attempts")
        }

        private init(seconds: Double) throws {
            folder = try TemporaryDirectory()
            name = "sprout" + String((0..<10).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement() ?? "x" })
            ports = try LocalSlurmCluster.freePorts(2)
            for sub in ["state", "spool"] {
                try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(sub),
                                                        withIntermediateDirectories: true)
            }
            try folder.write("plugstack.conf", "")
            configPath = try folder.write("slurm.conf", LocalSlurmCluster.configuration(
                name: name, folder: folder.url.path, controllerPort: ports[0], nodePort: ports[1]))
            let environment = LocalSlurmCluster.environment(configPath: configPath)
            let controller = try LocalSlurmCluster.daemon("slurmctld", config: configPath, environment: environment,
                                                          folder: folder)
            var node: Daemon?
            do {
                let started = try LocalSlurmCluster.daemon("slurmd", config: configPath, environment: environment,
                                                           folder: folder)
                node = started
                try Self.waitUntilIdle(controller: controller, node: started, environment: environment, folder: folder,
                                      seconds: seconds)
                (slurmctld, slurmd) = (controller, started)
            } catch {
                let daemons = [controller, node].compactMap { $0 }
                for daemon in daemons where daemon.isRunning { LocalSlurmCluster.killTree(daemon.pid) }
                _ = LocalSlurmCluster.poll(seconds: 10) { daemons.allSatisfy { !$0.isRunning } }
                let logs = Self.logTails(folder)
                throw StartFailure(description: "the Slurm cluster \(name) did not start: \(error)\n\(logs)",
                                   portInUse: logs.contains("Address already in use"))
            }
        }

        /// Polls `sinfo -h -o %T` every 0.1 s until the node's state is `idle`; throws when a daemon ended or
        /// `seconds` passed.
        private static func waitUntilIdle(controller: Daemon, node: Daemon, environment: [String: String],
                                          folder: TemporaryDirectory, seconds: Double) throws {
            guard let sinfo = LocalSlurmCluster.path(of: "sinfo") else {
                throw CommandFailure(description: "sinfo: not found")
            }
            var state = "nothing"
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let ended = [controller, node].first(where: { !$0.isRunning }) {
                    throw CommandFailure(description: "\(ended.name) ended (\(ended.termination ?? "unknown"))")
                }
                // sinfo keeps trying (for about 9 s, once a second) to reach a controller that does not answer yet;
                // cut short, it lets a daemon that died (a port taken) be seen within 3 s.
                do {
                    let result = try LocalSlurmCluster.run(sinfo, ["-h", "-o", "%T"], environment: environment,
                                                          directory: folder.url, timeout: 3)
                    let output = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    if result.status == 0 && output == "idle" { return }
                    state = (output + " " + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines)
                } catch {
                    state = "\(error)"
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            throw CommandFailure(description: "its node is not idle after \(seconds) s (sinfo: \(state))")
        }

        /// The last lines of each daemon's log file (or of its output, when the log is empty: a bad configuration).
        private static func logTails(_ folder: TemporaryDirectory) -> String {
            ["slurmctld", "slurmd"].map { daemon in
                let log = LocalSlurmCluster.tail(folder.url.appendingPathComponent("\(daemon).log").path)
                let text = log.isEmpty ? LocalSlurmCluster.tail(folder.url.appendingPathComponent("\(daemon).out").path) : log
                return "--- the end of \(daemon)'s log:\n" + (text.isEmpty ? "(nothing logged)" : text)
            }.joined(separator: "\n")
        }
    }

    /// slurm.conf of a one-node cluster on localhost (see the type's documentation for the choices).
    static func configuration(name: String, folder: String, controllerPort: Int, nodePort: Int) -> String {
        let host = shortHostName()
        let cpus = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let megabytes = Int(ProcessInfo.processInfo.physicalMemory / 1_048_576)
        // Less than slurmd finds, or the node is refused (drained); a small machine keeps half.
        let memory = max(megabytes - 1024, megabytes / 2)
        return """
            ClusterName=\(name)
            SlurmctldHost=\(host)(127.0.0.1)
            SlurmctldPort=\(controllerPort)
            SlurmdPort=\(nodePort)
            AuthType=auth/none
            CredType=cred/none
            SlurmUser=root
            SlurmdUser=root
            StateSaveLocation=\(folder)/state
            SlurmdSpoolDir=\(folder)/spool
            SlurmctldPidFile=\(folder)/slurmctld.pid
            SlurmdPidFile=\(folder)/slurmd.pid
            SlurmctldLogFile=\(folder)/slurmctld.log
            SlurmdLogFile=\(folder)/slurmd.log
            # No SPANK plugin of the machine's /etc/slurm/plugstack.conf: an empty list of the cluster's own.
            PlugStackConfig=\(folder)/plugstack.conf
            # The node is what this file says, whatever slurmd detects (no drain over a detail of the hardware).
            SlurmdParameters=config_overrides
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core_Memory
            DefMemPerCPU=\(max(1, memory / cpus))
            ReturnToService=2
            JobCompType=jobcomp/none
            AccountingStorageType=accounting_storage/none
            NodeName=\(host) NodeAddr=127.0.0.1 CPUs=\(cpus) RealMemory=\(memory)
            PartitionName=debug Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

            """
    }

    /// Starts `program -D -f config` (in the foreground), its stdout and stderr to `<program>.out` in the folder.
    private static func daemon(_ program: String, config: String, environment: [String: String],
                               folder: TemporaryDirectory) throws -> Daemon {
        guard let executable = path(of: program) else { throw CommandFailure(description: "\(program): not found") }
        return try Daemon(executable, ["-D", "-f", config], environment: environment,
                          output: folder.url.appendingPathComponent("\(program).out").path)
    }
}
