import { randomBytes } from 'node:crypto';

/** RFC 6455 opcodes. */
export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** A breach of the protocol by the server; `closeCode` is what the RFC says to close with. */
export class WebSocketProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A client frame: always final and always masked, as RFC 6455 requires of clients. */
export function encodeClientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
  const frame = Buffer.alloc(2 + extended + 4 + length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) frame.writeUInt16BE(length, 2);
  if (extended === 8) frame.writeBigUInt64BE(BigInt(length), 2);
  const maskAt = 2 + extended;
  randomBytes(4).copy(frame, maskAt);
  for (let i = 0; i < length; i++) frame[maskAt + 4 + i] = payload[i] ^ frame[maskAt + (i & 3)];
  return frame;
}

export function closePayload(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8').subarray(0, 123);
  const payload = Buffer.alloc(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}

/** Splits the bytes a server sends into frames, however the network chunks them. */
export class ServerFrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxPayloadBytes: number) {}

  push(chunk: Buffer): Frame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Frame[] = [];
    for (let frame = this.next(); frame; frame = this.next()) frames.push(frame);
    return frames;
  }

  private next(): Frame | undefined {
    const bytes = this.buffered;
    if (bytes.length < 2) return undefined;
    const fin = (bytes[0] & 0x80) !== 0;
    const opcode = bytes[0] & 0x0f;
    // No extension was negotiated, so the reserved bits must be clear.
    if ((bytes[0] & 0x70) !== 0) throw new WebSocketProtocolError(1002, 'the server set reserved frame bits');
    if ((bytes[1] & 0x80) !== 0) throw new WebSocketProtocolError(1002, 'the server sent a masked frame');
    const isControl = opcode >= 0x8;
    if (isControl ? opcode > OPCODE.pong : opcode > OPCODE.binary) {
      throw new WebSocketProtocolError(1002, `the server sent unknown opcode ${opcode}`);
    }
    let length = bytes[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (bytes.length < 4) return undefined;
      length = bytes.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (bytes.length < 10) return undefined;
      const big = bytes.readBigUInt64BE(2);
      length = big > BigInt(this.maxPayloadBytes) ? Infinity : Number(big);
      offset = 10;
    }
    if (isControl && (!fin || length > 125)) {
      throw new WebSocketProtocolError(1002, 'the server sent a fragmented or oversized control frame');
    }
    if (length > this.maxPayloadBytes) throw new WebSocketProtocolError(1009, 'the server sent a frame that is too large');
    if (bytes.length < offset + length) return undefined;
    const payload = bytes.subarray(offset, offset + length);
    this.buffered = bytes.subarray(offset + length);
    return { fin, opcode, payload };
  }
}
