import protobuf from 'protobufjs';

/**
 * The slice of TensorFlow's `event.proto` / `summary.proto` a scalar log needs, field numbers as
 * upstream. Scalars use `simple_value`, which TensorBoard's scalar dashboard reads as is.
 */
const PROTO = `
syntax = "proto3";
package tensorflow;
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    Summary summary = 5;
  }
}
message Summary {
  message Value {
    string tag = 1;
    oneof value { float simple_value = 2; }
  }
  repeated Value value = 1;
}
`;

const Event = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('tensorflow.Event');

/** The first record of every event file: `file_version: "brain.Event:2"`. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return Event.encode(Event.create({ wall_time: wallTime, file_version: 'brain.Event:2' })).finish();
}

/** One scalar summary event (a float32 `simple_value`, as TensorBoard stores it). */
export function scalarEvent(tag: string, value: number, step: number, wallTime: number): Uint8Array {
  return Event.encode(Event.create({
    wall_time: wallTime, step, summary: { value: [{ tag, simple_value: value }] },
  })).finish();
}
