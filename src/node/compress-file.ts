/**
 * Compress and decompress files or standard streams in constant memory, block by block, with
 * the container of src/info/container (Node only: the codec itself is pure TypeScript).
 */
import { StreamCompressor, StreamDecompressor, type CompressOptions } from '../info/container/stream.js';
import { openSink, readChunks } from './byte-streams.js';

/** Options for the file codecs. */
export interface FileCodecOptions {
  /** Overwrite an existing output file. */
  force?: boolean;
  /** Called after each input chunk with the input bytes consumed so far. */
  onProgress?: (bytesIn: number) => void;
}

/** Sizes after a file codec ran. */
export interface FileCodecResult {
  bytesIn: number;
  bytesOut: number;
}

/**
 * Compress `input` ('-': stdin) into `output` ('-': stdout); the output file appears only when
 * everything succeeded.
 * @example await compressFile('data.bin', 'data.bin.gibbs', { model: 'mix' });
 */
export async function compressFile(input: string, output: string, options: CompressOptions & FileCodecOptions = {}): Promise<FileCodecResult> {
  const compressor = new StreamCompressor(options);
  const sink = openSink(output, options);
  let bytesIn = 0;
  try {
    await sink.write(compressor.start());
    for await (const chunk of readChunks(input)) {
      for (const block of compressor.write(chunk)) await sink.write(block);
      bytesIn += chunk.length;
      options.onProgress?.(bytesIn);
    }
    for (const block of compressor.end()) await sink.write(block);
    await sink.commit();
  } catch (error) {
    sink.abort();
    throw error;
  }
  return { bytesIn, bytesOut: sink.bytesWritten };
}

/**
 * Decompress `input` ('-': stdin) into `output` ('-': stdout), checking everything; a damaged
 * input throws CorruptDataError and leaves no output file.
 * @example await decompressFile('data.bin.gibbs', 'data.bin');
 */
export async function decompressFile(input: string, output: string, options: FileCodecOptions = {}): Promise<FileCodecResult> {
  const decompressor = new StreamDecompressor();
  const sink = openSink(output, options);
  let bytesIn = 0;
  try {
    for await (const chunk of readChunks(input)) {
      for (const block of decompressor.write(chunk)) await sink.write(block);
      bytesIn += chunk.length;
      options.onProgress?.(bytesIn);
    }
    decompressor.end();
    await sink.commit();
  } catch (error) {
    sink.abort();
    throw error;
  }
  return { bytesIn, bytesOut: sink.bytesWritten };
}
