using System.Text;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Tests.Ingest;

internal static class CsvText
{
    public static CsvTable Open(string text) => CsvTable.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
