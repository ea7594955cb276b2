import Yams

/// Yams with positions: composes a YAML text into nodes and turns its marks and errors into
/// project-relative locations. `firstLine` is the file line where the YAML text starts.
struct YAMLReader {
    let path: String
    let firstLine: Int

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: firstLine) }
        return SourceLocation(path: path, line: firstLine + mark.line - 1, column: mark.column)
    }

    /// The top-level mapping, an empty one for an empty text, or a diagnostic.
    func mapping(from yaml: String, what: String, code: DiagnosticCode) -> Result<Node.Mapping, DiagnosticError> {
        if let problem = YAMLLimits.problem(inText: yaml, reader: self, what: what, code: code) { return .failure(DiagnosticError(problem)) }
        do {
            guard let node = try Yams.compose(yaml: yaml) else { return .success(Node.Mapping([])) }
            if let problem = YAMLLimits.problem(inNode: node, reader: self, what: what, code: code) { return .failure(DiagnosticError(problem)) }
            guard let mapping = node.mapping else {
                return .failure(DiagnosticError(.error(code, "\(what) must be a mapping of keys to values", at: location(of: node))))
            }
            return .success(mapping)
        } catch let error as YamlError {
            return .failure(DiagnosticError(diagnostic(for: error, what: what, code: code)))
        } catch {
            return .failure(DiagnosticError(.error(code, "\(what) could not be read: \(error)", at: location(of: nil))))
        }
    }

    private func diagnostic(for error: YamlError, what: String, code: DiagnosticCode) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error(code, "invalid YAML in \(what): \(detail)", at: location(of: mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(code, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in \(what)", at: location(of: context.mark))
        case .reader(let problem, _, _, _):
            return .error(code, "invalid YAML in \(what): \(problem)", at: location(of: nil))
        default:
            return .error(code, "invalid YAML in \(what): \(error)", at: location(of: nil))
        }
    }
}

/// A diagnostic carried through a `Result` where a step cannot go on.
struct DiagnosticError: Error {
    var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

extension Node {
    /// The key as written, for messages and lookups.
    var keyText: String { scalar?.string ?? "\(self)" }

    var typeDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            if bool != nil { return "a boolean" }
            if int != nil { return "an integer" }
            if float != nil { return "a number" }
            return "text"
        }
    }
}
