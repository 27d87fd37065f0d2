extension Report {
    /// Symbols for the frames the renderers show: the latest event of each incident.
    public func symbols(using symbolizer: any Symbolizer) -> [FrameKey: String] {
        let frames = incidents.flatMap { $0.latest.record.backtrace ?? [] }
        return frames.isEmpty ? [:] : symbolizer.symbolize(frames)
    }
}
