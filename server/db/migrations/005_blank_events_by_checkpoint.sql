-- A desk pulls only its own checkpoint's blank events: this index serves `checkpoint = $ AND seq > $ ORDER BY seq`.
CREATE INDEX blank_events_checkpoint_seq ON blank_events ((doc->>'checkpointId'), seq);
