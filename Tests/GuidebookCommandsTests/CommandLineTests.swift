import Foundation
import Testing

struct CommandLineTests {
    static let golden = GuidebookProcess.repositoryRoot.appendingPathComponent("Tests/GuidebookCommandsTests/Golden")

    @Test func usageErrorsExitWithTwo() throws {
        let outcome = try GuidebookProcess.run(["build", "--no-such-flag"], in: FileManager.default.temporaryDirectory)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("Unknown option '--no-such-flag'"))
    }

    @Test func unknownSubcommandExitsWithTwo() throws {
        #expect(try GuidebookProcess.run(["bulid"], in: FileManager.default.temporaryDirectory).status == 2)
    }

    @Test func version() throws {
        let outcome = try GuidebookProcess.run(["--version"], in: FileManager.default.temporaryDirectory)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "0.1.0\n")
    }

    @Test(arguments: [(["--help"], "help.txt"), (["build", "--help"], "build-help.txt")])
    func helpMatchesTheGoldenFile(arguments: [String], file: String) throws {
        let outcome = try GuidebookProcess.run(arguments, in: FileManager.default.temporaryDirectory)
        #expect(outcome.status == 0)
        let expected = try String(contentsOf: Self.golden.appendingPathComponent(file), encoding: .utf8)
        #expect(outcome.standardOutput == expected)
    }
}
