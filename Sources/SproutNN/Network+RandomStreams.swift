import SproutRandom

extension Network {
    /// The state of every random stream the network draws from while training (each dropout node's mask stream),
    /// by node name, in node order: part of a run's training state, so that a resumed run draws the masks the
    /// uninterrupted run would have.
    public var randomStreams: [(node: String, state: RandomStream.State)] {
        allLayers.compactMap { layer in (layer as? Dropout).map { ($0.name, $0.stream.state) } }
    }

    /// Sets the streams `randomStreams` gave. Throws `NetworkError.trainingStateMismatch` unless the states name
    /// exactly the network's dropout nodes, each state valid.
    public func restoreRandomStreams(_ states: [(node: String, state: RandomStream.State)]) throws(NetworkError) {
        let dropouts = allLayers.compactMap { $0 as? Dropout }
        guard dropouts.map(\.name) == states.map(\.node) else {
            throw .trainingStateMismatch("random streams of nodes \(states.map(\.node)), the network's dropout nodes are "
                                         + "\(dropouts.map(\.name))")
        }
        for (layer, saved) in zip(dropouts, states) {
            guard let stream = RandomStream(state: saved.state) else {
                throw .trainingStateMismatch("the random stream of node '\(saved.node)' is not a valid state")
            }
            layer.stream = stream
        }
    }
}
