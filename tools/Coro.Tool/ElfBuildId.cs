using System.Buffers.Binary;

namespace Coro.Tool;

/// <summary>The GNU build ID of a 64-bit little-endian ELF file (its <c>PT_NOTE</c> of type
/// <c>NT_GNU_BUILD_ID</c>): what tells whether the libcoreclr.so on this machine is the build a
/// dump was made with. ClrMD reads the dump's side but keeps its ELF reader to itself.</summary>
internal static class ElfBuildId
{
    private const uint NoteSegment = 4;   // PT_NOTE
    private const uint GnuBuildId = 3;    // NT_GNU_BUILD_ID

    public static byte[]? Read(string path)
    {
        try
        {
            byte[] file = File.ReadAllBytes(path);
            if (file.Length < 64 || file[0] != 0x7F || file[1] != (byte)'E' || file[4] != 2 || file[5] != 1)
            {
                return null; // not a 64-bit little-endian ELF file
            }

            ulong headers = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(0x20));
            int size = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x36));
            int count = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x38));
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> header = file.AsSpan((int)headers + (i * size), size);
                if (BinaryPrimitives.ReadUInt32LittleEndian(header) == NoteSegment &&
                    FindBuildId(file.AsSpan((int)BinaryPrimitives.ReadUInt64LittleEndian(header[8..]), (int)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]))) is { } id)
                {
                    return id;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            // unreadable: no ID to compare
        }

        return null;
    }

    private static byte[]? FindBuildId(ReadOnlySpan<byte> notes)
    {
        while (notes.Length >= 12)
        {
            int nameSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(notes);
            int descriptionSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(notes[4..]);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(notes[8..]);
            int description = 12 + Align(nameSize);
            if (type == GnuBuildId && nameSize == 4 && notes[12..15].SequenceEqual("GNU"u8))
            {
                return notes.Slice(description, descriptionSize).ToArray();
            }

            notes = notes[Math.Min(notes.Length, description + Align(descriptionSize))..];
        }

        return null;
    }

    private static int Align(int size) => (size + 3) & ~3;
}
