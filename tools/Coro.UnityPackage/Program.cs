// Packs Coro as a Unity package (UPM): `dotnet run --project tools/Coro.UnityPackage -c Release`.
// Building the project wrote unity-inputs.txt beside this tool (Coro.UnityPackage.csproj says what
// is in it); this lays the package out, gives every file and folder a .meta and writes the tarball.
using Coro.UnityPackage;

Inputs inputs = Inputs.Read(Path.Combine(AppContext.BaseDirectory, "unity-inputs.txt"));
SortedDictionary<string, byte[]> files = PackageLayout.Build(inputs);

Directory.CreateDirectory(inputs.Output);
string tarball = Path.Combine(inputs.Output, $"{PackageLayout.Name}-{inputs.Version}.tgz");
Tarball.Write(tarball, files);
Console.WriteLine(tarball);
