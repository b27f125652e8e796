import Testing
@testable import SproutRuns

/// PathText.parent against what each path's folder is, worked out by hand, on the short paths where
/// swift-corelibs-foundation's deletingLastPathComponent traps.
@Suite struct PathTextTests {
    @Test func theFolderPartOfShortAndLongPaths() {
        let cases: [(String, String)] = [("t", ""), (".", ""), ("t/", ""), ("ab", ""), ("a/b", "a"), ("/t", "/"),
                                         ("/", "/"), ("", ""), ("a/b/", "a"), ("runs/sym/x", "runs/sym"),
                                         ("/work/runs/.store/x/id", "/work/runs/.store/x"), ("a//b", "a")]
        for (path, parent) in cases { #expect(PathText.parent(of: path) == parent, "\(path)") }
    }
}
