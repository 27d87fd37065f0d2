import ArgumentParser
import ForkExplainCore

/// `--format`: who reads the report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json

    func render(_ report: Report, symbolizer: any Symbolizer, style: TerminalStyle = .plain) throws -> String {
        let renderer: any Renderer<Report>
        switch self {
        case .text:
            renderer = TextRenderer(
                symbols: report.symbols(using: symbolizer), style: style, symbolizer: symbolizer.name)
        case .markdown:
            renderer = MarkdownRenderer(symbols: report.symbols(using: symbolizer), symbolizer: symbolizer.name)
        case .json: renderer = JSONRenderer(symbolizer: symbolizer)
        }
        return try renderer.render(report)
    }

    /// `explain --format`: the same three readers, of one explanation.
    func render(_ explanation: Explanation) throws -> String {
        let renderer: any Renderer<Explanation>
        switch self {
        case .text: renderer = ExplanationRenderer()
        case .markdown: renderer = ExplanationMarkdownRenderer()
        case .json: renderer = ExplanationJSONRenderer()
        }
        return try renderer.render(explanation)
    }
}

extension LLVMSymbolizer {
    /// llvm-symbolizer when it is installed, module+offset otherwise.
    static func best() -> any Symbolizer {
        LLVMSymbolizer() ?? NoSymbolizer()
    }
}
