/// NumPy's `linspace`, which the scikit-learn generators (moons, circles) place their points with: `count` values
/// from `start`, `step = (stop - start) / (count - 1)` with the endpoint or `(stop - start) / count` without; value i
/// is `start + i · step`, and with the endpoint the last value is `stop` exactly (NumPy sets it so). One value
/// (with the endpoint) is `start`; none is empty.
enum Linspace {
    static func values(from start: Double, to stop: Double, count: Int, endpoint: Bool) -> [Double] {
        guard count > 0 else { return [] }
        let divisions = endpoint ? count - 1 : count
        guard divisions > 0 else { return [start] }
        let step = (stop - start) / Double(divisions)
        var values = (0..<count).map { start + Double($0) * step }
        if endpoint { values[count - 1] = stop }
        return values
    }
}
