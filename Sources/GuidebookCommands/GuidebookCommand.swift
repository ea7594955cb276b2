import ArgumentParser
import Foundation

public struct GuidebookCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "guidebook",
        abstract: "Builds a council's guide from Markdown into a static site that works from disk.",
        version: version,
        subcommands: [Build.self, Check.self, New.self, Bundle.self, Serve.self, Import.self]
    )

    public init() {}

    /// Runs the command line. Exit codes: 0 success, 1 content errors (or any failure to build), 2 usage errors.
    public static func runAsMain(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : 1)
        }
    }
}

/// Options every command that builds shares.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project folder, holding guidebook.yml and content/.", valueName: "dir"))
    public var source: String = "."

    @Flag(name: .long, help: "Print only diagnostics, not the summary line.")
    public var quiet: Bool = false

    public init() {}

    var projectRoot: URL { URL(fileURLWithPath: source).standardizedFileURL }
}

/// How many diagnostics a command prints (build, check, bundle).
public struct DiagnosticOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Print at most this many problems, then how many more and a count for each code; 0 prints all.", valueName: "n"))
    public var maxErrors: Int = 50

    public init() {}

    public func validate() throws {
        if maxErrors < 0 { throw ValidationError("--max-errors must be 0 (all) or more") }
    }
}
