import XCTest

@testable import ForkExplainCore

/// Hosted platforms with a task quota their users cannot see: AWS
/// Lambda's 1,024 processes and threads and a CircleCI Docker job's PID
/// limit, named from the paths and log lines a pasted text carries, and
/// never from a text without them (docs/kernel-facts.md §11.116,
/// §11.117). Each text is a public thread's, verbatim.
final class HostedQuotaHintTests: XCTestCase {
    private let lambdaQuota = "at most 1,024 processes and threads together"

    private func notes(_ text: String) -> [String] {
        Explainer.explain(text).message.notes
    }

    private func namesLambda(_ text: String) -> Bool {
        notes(text).contains { $0.contains("AWS Lambda") }
    }

    /// A CPython traceback ending in "can't start new thread", read as
    /// Python's thread failure with Lambda's quota beside it.
    private func assertLambdaThread(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        assertExplains(
            text, program: "Python (threading)", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: lambdaQuota, file: file, line: line)
    }

    /// https://github.com/Netflix-Skunkworks/raven-python-lambda/issues/38:
    /// a timer thread per invocation; "my team frequently sees this
    /// whenever we try to do ~500 invocations at once".
    func testARavenTracebackFromVarTaskNamesLambdasQuota() {
        let text = """
            File "/var/task/handlers/main.py.py", line 19, in handler
                return ''
              File "/var/task/raven_python_lambda/__init__.py", line 208, in decorated
                raise e
              File "/var/task/raven_python_lambda/__init__.py", line 202, in decorated
                timers = install_timers(self.config, context)
              File "/var/task/raven_python_lambda/__init__.py", line 272, in install_timers
                t.start()
              File "/var/lang/lib/python3.6/threading.py", line 846, in start
                _start_new_thread(self._bootstrap, ())
            RuntimeError: can't start new thread
            """
        assertLambdaThread(text)
        XCTAssertTrue(notes(text).contains { $0.contains("cannot be increased") && $0.contains("Join or cancel") })
    }

    /// https://github.com/getsentry/sentry-python/issues/2741: sentry-sdk
    /// 1.40 started a thread of its own; the runtime's /var/lang alone
    /// would name Lambda too.
    func testSentrysThreadInLambdaNamesTheQuota() {
        let text = """
            File "/var/task/sentry_sdk/integrations/threading.py", line 56, in sentry_start
                return old_start(self, *a, **kw)
            File "/var/lang/lib/python3.9/threading.py", line 899, in start
                _start_new_thread(self._bootstrap, ())
            RuntimeError: can't start new thread
            """
        assertLambdaThread(text)
        XCTAssertTrue(
            namesLambda(
                "  File \"/var/lang/lib/python3.9/threading.py\", line 899, in start\nRuntimeError: can't start new thread"
            ))
    }

    /// https://github.com/segmentio/analytics-python/issues/110: Python
    /// 2.7 on Lambda's old runtime (/usr/lib64), the function's own code
    /// under /var/task.
    func testAPython2TracebackFromVarTaskNamesLambda() {
        let text = """
            File "/var/task/analytics/client.py", line 49, in __init__
            self.consumer.start()
            File "/usr/lib64/python2.7/threading.py", line 739, in start
            _start_new_thread(self.__bootstrap, ())
            error: can't start new thread
            """
        XCTAssertTrue(namesLambda(text), "\(notes(text))")
    }

    /// Lambda's log lines name it without a path:
    /// https://github.com/cargo-lambda/cargo-lambda/issues/572 (a crash
    /// reported as Runtime.ExitError between START and REPORT).
    func testLambdasOwnLogLinesNameIt() {
        let text = """
            START RequestId: 123 Version: $LATEST
            RequestId: 123 Error: Runtime exited without providing a reason
            Runtime.ExitError
            END RequestId: 123
            REPORT RequestId: 123\tDuration: 1687.96 ms\tBilled Duration: 1688 ms\tMemory Size: 128 MB\tMax Memory Used: 16 MB
            fork: Resource temporarily unavailable
            """
        XCTAssertTrue(namesLambda(text), "\(notes(text))")
    }

    /// https://github.com/Netflix-Skunkworks/raven-python-lambda/pull/12:
    /// the same failure in Lambda, pasted with relative paths. Nothing in
    /// it says Lambda, so explain does not guess.
    func testALambdaTracebackWithoutItsPathsIsNotNamed() {
        let text = """
                  error: can't start new thread
                   File "raven_python_lambda/__init__.py", line 176, in decorated
                     install_timers(self.config, context)
                   File "raven_python_lambda/__init__.py", line 231, in install_timers
                     Timer(max(time_remaining - 500, 0), timeout_error, (config)).start()
                   File "python2.7/threading.py", line 739, in start
                     _start_new_thread(self.__bootstrap, ())
            """
        XCTAssertFalse(namesLambda(text), "\(notes(text))")
    }

    /// https://github.com/mikeizbicki/cmc-csci046/issues/249: a machine
    /// called "lambda-server", not AWS Lambda; and a Terraform run, whose
    /// resource is `aws_lambda_function`.
    func testLambdaInAHostOrResourceNameIsNotLambda() {
        let server = """
            Dustin.Lind.22@lambda-server:~$ ls
            -bash: fork: retry: Resource temporarily unavailable
            -bash: fork: Resource temporarily unavailable
            """
        XCTAssertFalse(namesLambda(server), "\(notes(server))")
        let terraform = """
            aws_lambda_function.worker: Creating...
            fork/exec /usr/bin/terraform-provider-aws: resource temporarily unavailable
            """
        XCTAssertFalse(namesLambda(terraform), "\(notes(terraform))")
    }

    /// https://github.com/aws/aws-sdk-java/issues/1913: a client that
    /// invokes Lambda ran out of threads itself, and the answer pointed at
    /// Lambda's limits. The JVM's line carries no marker of Lambda's.
    func testAClientOfLambdaIsNotLambda() {
        let text = "\u{201C}java.lang.OutOfMemoryError : unable to create new native Thread\u{201D}"
        XCTAssertFalse(namesLambda(text), "\(notes(text))")
        XCTAssertFalse(Explainer.explain(text).causes.isEmpty)
    }

    /// https://github.com/alixaxel/chrome-aws-lambda/issues/209: the
    /// README's example in Lambda, Chromium run while it was still being
    /// unpacked. ETXTBSY is no task's errno: no cause, and no quota.
    func testSpawnETXTBSYInLambdaIsNoTaskLimit() {
        let text = """
            {
              "errorType": "Error",
              "errorMessage": "spawn ETXTBSY",
              "trace": [
                "Error: spawn ETXTBSY",
                "    at ChildProcess.spawn (internal/child_process.js:403:11)",
                "    at Object.spawn (child_process.js:553:9)",
                "    at BrowserRunner.start (/var/task/node_modules/puppeteer-core/lib/cjs/puppeteer/node/BrowserRunner.js:79:34)",
                "    at ChromeLauncher.launch (/var/task/node_modules/puppeteer-core/lib/cjs/puppeteer/node/Launcher.js:86:16)",
                "    at async Runtime.exports.handler (/var/task/index.js:8:15)"
              ]
            }
            """
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.errnos, ["ETXTBSY"])
        XCTAssertEqual(explanation.causes.map(\.id), [])
        XCTAssertFalse(namesLambda(text), "\(notes(text))")
    }

    /// https://github.com/puppeteer/puppeteer/issues/3219, a Heroku dyno:
    /// Heroku's count, not Lambda's.
    func testAHerokuLogIsNotLambda() {
        let text = """
            2018-09-08T08:01:38.485491+00:00 app[web.1]: Error: Failed to launch chrome!
            2018-09-08T08:01:38.485511+00:00 app[web.1]: [0908/080137.570259:ERROR:platform_thread_posix.cc(124)] pthread_create: Resource temporarily unavailable (11)
            """
        XCTAssertFalse(namesLambda(text))
        XCTAssertTrue(notes(text).contains { $0.contains("Heroku") })
    }

    /// support.circleci.com's article on `fork: retry` from $BASH_ENV: the
    /// step log's lines as it quotes them.
    func testACircleCIStepLogNamesTheContainersPIDLimit() {
        let text = """
            /tmp/.bash_env-...-build: fork: retry: Resource temporarily unavailable
            /home/circleci/.pyenv/libexec/pyenv: fork: retry: Resource temporarily unavailable
            """
        assertExplains(
            text, program: "bash", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "process (PID) limit that CircleCI does not publish")
        XCTAssertFalse(namesLambda(text))
        XCTAssertFalse(
            notes("/home/circle/ci.sh: fork: retry: Resource temporarily unavailable").contains {
                $0.contains("CircleCI")
            })
    }
}
