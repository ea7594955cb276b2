import ArgumentParser
import Foundation
import GuidebookKit

/// The commands' only printer: diagnostics and the summary to standard error, compiler style.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Diagnostics to standard error, the first `limit` of them (nil or 0: all), with totals by code.
    static func report(_ diagnostics: [Diagnostic], limit: Int? = nil) {
        guard !diagnostics.isEmpty else { return }
        error(DiagnosticFormatter.report(diagnostics, limit: limit == 0 ? nil : limit))
    }

    /// What the command did, to standard output: diagnostics go to standard error, so a script can
    /// keep the two apart.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func summary(_ result: BuildResult, seconds: Double, strict: Bool, outputFolder: URL) {
        let time = String(format: "%.2f", seconds)
        let warnings = plural(result.warningCount, "warning")
        if result.didWrite && result.wasIncremental {
            let written = result.pagesWritten
            let what =
                written.isEmpty
                ? "nothing changed"
                : "rewrote "
                    + (written.count <= 3 ? written.joined(separator: ", ") : "\(written.prefix(2).joined(separator: ", ")) and \(written.count - 2) more")
            output("Built from the build cache (\(what)) into \(outputFolder.path), \(warnings), in \(time) s")
        } else if result.didWrite && result.errorCount > 0 {
            let errors = plural(result.errorCount, "error")
            output(
                "Built \(plural(result.pagesWritten.count, "page")) into \(outputFolder.path) despite \(errors) (--keep-going: links with problems are marked in the pages), \(warnings), in \(time) s"
            )
        } else if result.didWrite {
            let kept = result.pagesKept > 0 ? " (\(result.pagesKept) of them unchanged, kept from the last build)" : ""
            output("Built \(plural(result.pagesWritten.count, "page"))\(kept) into \(outputFolder.path), \(warnings), in \(time) s")
        } else {
            let errors = plural(result.errorCount, "error")
            let why = result.errorCount == 0 && strict ? " (warnings fail the build with --strict)" : ""
            let checked = result.pagesChecked > 0 ? "\(plural(result.pagesChecked, "page")) checked, " : ""
            output("Build failed: \(checked)\(errors), \(warnings)\(why); the previous site was left unchanged (\(time) s)")
        }
    }

    /// A place the command must not write to is a usage error: nothing is built or changed.
    static func refuseUnsafe(_ refusal: OutputLocation.Refusal?) throws {
        guard let refusal else { return }
        error("error: \(refusal)")
        throw ExitCode(2)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
