/**
 * WAL segment names: 8 hex digits of timeline, then the segment number split
 * into a "log" and a "seg" part of 8 hex digits each, where one log holds
 * 4 GiB / segment size segments (256 with the default 16 MiB).
 */
const segmentName = /^([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})$/;

export interface WalSegment {
  timeline: number;
  /** The segment's number from the start of WAL. */
  segNo: bigint;
}

export function parseSegmentName(name: string, segmentBytes: number): WalSegment | null {
  const match = segmentName.exec(name);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  const perLog = 0x1_0000_0000n / BigInt(segmentBytes);
  return { timeline: parseInt(match[1], 16), segNo: BigInt(`0x${match[2]}`) * perLog + BigInt(`0x${match[3]}`) };
}

export function segmentNameOf(segment: WalSegment, segmentBytes: number): string {
  const perLog = 0x1_0000_0000n / BigInt(segmentBytes);
  const hex = (value: bigint | number) => value.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(segment.timeline)}${hex(segment.segNo / perLog)}${hex(segment.segNo % perLog)}`;
}

/** The file names from the start segment to the stop segment, both included. */
export function segmentsBetween(startName: string, stopName: string, segmentBytes: number): string[] {
  const start = parseSegmentName(startName, segmentBytes);
  const stop = parseSegmentName(stopName, segmentBytes);
  if (!start || !stop) throw new Error(`Not WAL segment names: ${startName}, ${stopName}`);
  if (stop.segNo < start.segNo) throw new Error(`The backup's WAL ends (${stopName}) before it starts (${startName}).`);
  if (stop.timeline !== start.timeline) {
    throw new Error(`The server changed timeline during the backup (${startName} → ${stopName}); take the backup again.`);
  }
  const names: string[] = [];
  for (let segNo = start.segNo; segNo <= stop.segNo; segNo++) names.push(segmentNameOf({ timeline: start.timeline, segNo }, segmentBytes));
  return names;
}

/** "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)" -> the file name. */
export function startSegmentFromLabel(labelFile: string): string {
  const match = /^START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)$/m.exec(labelFile);
  if (!match?.[1]) throw new Error('The backup label from pg_backup_stop names no start WAL file.');
  return match[1];
}

/** Timeline history files ("00000002.history") are needed to recover on a later timeline. */
export function isHistoryFile(name: string): boolean {
  return /^[0-9A-F]{8}\.history$/.test(name);
}
