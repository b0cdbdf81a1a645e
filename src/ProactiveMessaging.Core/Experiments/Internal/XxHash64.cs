using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ProactiveMessaging.Experiments.Internal;

/// <summary>
/// The published xxHash 64-bit algorithm (XXH64), over bytes with a seed: the stable hash that
/// assigns visitors to experiment arms. Written out here so that the library depends on nothing
/// for it, and so that any other implementation of XXH64 reproduces every assignment.
/// </summary>
/// <remarks>Stateless and thread-safe; allocates nothing.</remarks>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime5 = 0x27D4EB2F165667C5UL;

    /// <summary>The hash of <paramref name="data"/> with <paramref name="seed"/>.</summary>
    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed)
    {
        var length = data.Length;
        ulong accumulator;
        if (length >= 32)
        {
            var v1 = seed + Prime1 + Prime2;
            var v2 = seed + Prime2;
            var v3 = seed;
            var v4 = seed - Prime1;
            do
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[8..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[24..]));
                data = data[32..];
            }
            while (data.Length >= 32);

            accumulator = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            accumulator = Merge(accumulator, v1);
            accumulator = Merge(accumulator, v2);
            accumulator = Merge(accumulator, v3);
            accumulator = Merge(accumulator, v4);
        }
        else
        {
            accumulator = seed + Prime5;
        }

        accumulator += (ulong)length;
        while (data.Length >= 8)
        {
            accumulator ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data));
            accumulator = (BitOperations.RotateLeft(accumulator, 27) * Prime1) + Prime4;
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            accumulator ^= BinaryPrimitives.ReadUInt32LittleEndian(data) * Prime1;
            accumulator = (BitOperations.RotateLeft(accumulator, 23) * Prime2) + Prime3;
            data = data[4..];
        }

        foreach (var b in data)
        {
            accumulator ^= b * Prime5;
            accumulator = BitOperations.RotateLeft(accumulator, 11) * Prime1;
        }

        accumulator ^= accumulator >> 33;
        accumulator *= Prime2;
        accumulator ^= accumulator >> 29;
        accumulator *= Prime3;
        accumulator ^= accumulator >> 32;
        return accumulator;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong accumulator, ulong lane) => BitOperations.RotateLeft(accumulator + (lane * Prime2), 31) * Prime1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Merge(ulong accumulator, ulong value) => ((accumulator ^ Round(0, value)) * Prime1) + Prime4;
}
