# Known-answer vectors for Strata wire tests. Run: /usr/bin/python3 scapy-vectors.py (scapy 2.5.0).
# Each line prints a name and the hex octets that the tests paste; scapy computes all lengths and checksums.
from scapy.all import IP, TCP, UDP, ICMP, Ether, ARP, Dot1Q, Raw, raw
def hx(p): return raw(p).hex()
# TCP SYN with Linux-like options
syn = IP(src="192.0.2.1", dst="198.51.100.7", id=0x1c46, flags="DF", ttl=64)/TCP(sport=49152, dport=443, seq=0x12345678, ack=0, flags="S", window=64240, options=[("MSS",1460),("SAckOK",b""),("Timestamp",(3000000000,0)),("NOP",None),("WScale",7)])
print("tcp_syn_ip", hx(syn))
print("tcp_syn_tcp", hx(syn[TCP]))
data = IP(src="192.0.2.1", dst="198.51.100.7", id=0x1c47, flags="DF", ttl=64)/TCP(sport=49152, dport=443, seq=0x12345679, ack=0x9abcdef0, flags="PA", window=502, options=[("NOP",None),("NOP",None),("Timestamp",(3000000100,123456))])/Raw(b"hello, strata\n")
print("tcp_data_ip", hx(data))
udp = IP(src="192.0.2.1", dst="198.51.100.7", id=0xbeef, ttl=64)/UDP(sport=40000, dport=53)/Raw(b"strata udp")
print("udp_ip", hx(udp))
print("udp_udp", hx(udp[UDP]))
icmp = IP(src="192.0.2.1", dst="198.51.100.7", id=1, ttl=64, flags="DF")/ICMP(type=8, code=0, id=0x1234, seq=1)/Raw(bytes(range(16)))
print("icmp_ip", hx(icmp))
arp = Ether(dst="ff:ff:ff:ff:ff:ff", src="02:00:00:00:00:01")/ARP(op=1, hwsrc="02:00:00:00:00:01", psrc="192.0.2.1", hwdst="00:00:00:00:00:00", pdst="192.0.2.2")
print("arp_eth", hx(arp))
vlan = Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/Dot1Q(prio=5, id=1, vlan=100)/IP(src="192.0.2.1", dst="192.0.2.2", ttl=64, id=7)/ICMP(type=8, id=1, seq=1)
print("vlan_eth", hx(vlan))
